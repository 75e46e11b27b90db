package io.couriermq.broker.core.consume;

import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.GetResult;
import io.couriermq.store.GetStatus;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Makes consumer progress as durable as messages: each acknowledgement and offset reset is appended to an
 * internal topic of the message store before the client is answered, so it survives a crash under the same
 * flush policy as the messages themselves. Snapshots ({@link ConsumerOffsetSnapshot}) bound how much of the
 * journal a restart replays.
 *
 * <p>Record body, UTF-8, one entry per line, fields tab-separated: {@code A|R  group  topic  queueId  offset}
 * (A: acknowledged that offset, R: reset the cursor to that offset). The acknowledgements of one AckMessage
 * request share a record.
 */
final class ConsumerJournal extends ProgressJournal {

    private static final int QUEUE = 0;
    private static final int REPLAY_BATCH = 512;

    /** One journal entry. */
    record Entry(char kind, String group, String topic, int queueId, long offset) {

        static final char ACK = 'A';
        static final char RESET = 'R';

        String encode() {
            return kind + "\t" + group + "\t" + topic + "\t" + queueId + "\t" + offset;
        }

        static Entry decode(String line) {
            String[] fields = line.split("\t");
            return new Entry(fields[0].charAt(0), fields[1], fields[2], Integer.parseInt(fields[3]),
                    Long.parseLong(fields[4]));
        }
    }

    private final MessageStore store;

    ConsumerJournal(MessageStore store) {
        this.store = store;
    }

    /** Appends the entries as one record; completes when it is as durable as the store makes messages. */
    @Override
    CompletableFuture<Void> append(List<Entry> entries) {
        StringBuilder body = new StringBuilder();
        for (Entry entry : entries) {
            body.append(body.isEmpty() ? "" : "\n").append(entry.encode());
        }
        return store.append(Message.of(TopicNames.CONSUMER_JOURNAL_TOPIC, QUEUE, Map.of(),
                body.toString().getBytes(StandardCharsets.UTF_8))).thenApply(result -> null);
    }

    /** Where the next journal entry will land: snapshots record it as the point replay starts from. */
    long endOffset() {
        return store.maxOffset(TopicNames.CONSUMER_JOURNAL_TOPIC, QUEUE);
    }

    @Override
    void replay(long fromOffset, Consumer<Entry> apply) {
        replayFrom(fromOffset, apply);
    }

    @Override
    void snapshot(SnapshotWriter write) throws IOException {
        write.write(endOffset());
    }

    /** Feeds every entry from {@code fromOffset} to the end, in order; returns the offset after the last one. */
    long replayFrom(long fromOffset, Consumer<Entry> apply) {
        long offset = Math.max(fromOffset, store.minOffset(TopicNames.CONSUMER_JOURNAL_TOPIC, QUEUE));
        while (true) {
            GetResult batch = store.getMessages(TopicNames.CONSUMER_JOURNAL_TOPIC, QUEUE, offset, REPLAY_BATCH,
                    TagFilter.all());
            if (batch.status() != GetStatus.FOUND && batch.status() != GetStatus.NO_MATCHED_MESSAGE) {
                return offset;
            }
            for (StoredMessage message : batch.messages()) {
                new String(message.body(), StandardCharsets.UTF_8).lines().map(Entry::decode).forEach(apply);
            }
            offset = batch.nextOffset();
        }
    }
}
