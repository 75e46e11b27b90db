package io.couriermq.broker.core.transaction;

import io.couriermq.broker.core.produce.Envelope;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.AppendResult;
import io.couriermq.store.GetResult;
import io.couriermq.store.GetStatus;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreException;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The two system queues transactions live in: half messages ({@link TopicNames#TRANSACTION_HALF_TOPIC}) and their
 * outcomes ({@link TopicNames#TRANSACTION_OP_TOPIC}), one op record per ended transaction. Both are ordinary
 * commit log records, so an outcome is as durable as a message.
 *
 * <p>Op record body, UTF-8: {@code C|R <half queue offset>} (commit or rollback).
 */
final class TransactionOps {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionOps.class);
    private static final int QUEUE = Envelope.PARKING_QUEUE;
    private static final int READ_BATCH = 256;

    /** One recorded outcome. */
    record Op(TransactionOutcome outcome, long halfQueueOffset) {

        byte[] encode() {
            return (outcome.code() + " " + halfQueueOffset).getBytes(StandardCharsets.UTF_8);
        }

        static Op decode(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            return new Op(TransactionOutcome.ofCode(text.charAt(0)), Long.parseLong(text.substring(2)));
        }
    }

    private final MessageStore store;

    TransactionOps(MessageStore store) {
        this.store = store;
    }

    /** Appends a committed transaction's message to its topic. */
    CompletableFuture<AppendResult> appendReleased(StoredMessage half) {
        return store.append(Envelope.release(half));
    }

    CompletableFuture<AppendResult> appendOutcome(Op op) {
        return store.append(Message.of(TopicNames.TRANSACTION_OP_TOPIC, QUEUE, Map.of(), op.encode()));
    }

    /** The half message at a queue offset of the half topic, or null if there is none (any more). */
    StoredMessage half(long queueOffset) {
        GetResult result = store.getMessages(TopicNames.TRANSACTION_HALF_TOPIC, QUEUE, queueOffset, 1, TagFilter.all());
        return result.messages().stream().filter(m -> m.queueOffset() == queueOffset).findFirst().orElse(null);
    }

    /**
     * The half message at a commit log offset, readable as soon as its append completed (the consume queue may not
     * have it yet); null if the log holds no valid record there, or one that is not a half message. Once the queue
     * covers the record's queue offset, the queue must point at the same record, so a record hidden in another
     * message's body cannot pass for a half message.
     */
    StoredMessage halfAt(long physicalOffset) {
        StoredMessage record;
        try {
            record = store.getMessage(physicalOffset);
        } catch (StoreException notARecord) {
            return null;
        }
        if (!Envelope.isParkedIn(record, TopicNames.TRANSACTION_HALF_TOPIC) || record.queueId() != QUEUE) {
            return null;
        }
        if (record.queueOffset() < store.maxOffset(TopicNames.TRANSACTION_HALF_TOPIC, QUEUE)) {
            StoredMessage queued = half(record.queueOffset());
            if (queued == null || queued.physicalOffset() != physicalOffset) {
                return null;
            }
        }
        return record;
    }

    /** Feeds half messages from {@code from} on to {@code apply}; returns the offset to read from next. */
    long readHalves(long from, java.util.function.Consumer<StoredMessage> apply) {
        return read(TopicNames.TRANSACTION_HALF_TOPIC, from, message -> {
            apply.accept(message);
            return true;
        });
    }

    /**
     * Feeds op records from {@code from} on to {@code apply} until it declines one (returns false); returns the
     * offset of the first op not applied.
     */
    long readOps(long from, Predicate<Op> apply) {
        return read(TopicNames.TRANSACTION_OP_TOPIC, from, message -> {
            try {
                return apply.test(Op.decode(message.body()));
            } catch (RuntimeException e) {
                LOG.error("skipping unreadable transaction op at queue offset {}", message.queueOffset(), e);
                return true;
            }
        });
    }

    private long read(String topic, long from, Predicate<StoredMessage> apply) {
        long offset = from;
        while (true) {
            GetResult batch = store.getMessages(topic, QUEUE, offset, READ_BATCH, TagFilter.all());
            if (batch.status() == GetStatus.OFFSET_TOO_SMALL) {
                LOG.error("{} lost queue offsets {} to {} to retention before they were read", topic, offset,
                        batch.nextOffset());
                offset = batch.nextOffset();
                continue;
            }
            if (batch.status() != GetStatus.FOUND && batch.status() != GetStatus.NO_MATCHED_MESSAGE) {
                return batch.status() == GetStatus.OFFSET_OVERFLOW ? batch.nextOffset() : offset;
            }
            for (StoredMessage message : batch.messages()) {
                if (!apply.test(message)) {
                    return message.queueOffset();
                }
                offset = message.queueOffset() + 1;
            }
            offset = Math.max(offset, batch.nextOffset());
        }
    }
}
