package io.couriermq.store.queue;

import io.couriermq.store.dispatch.LogListener;
import io.couriermq.store.record.LogEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All consume queues, laid out as {@code <root>/<topic>/<queue id>/<segment files>} and fed by the dispatcher.
 *
 * <p>Threading: queues are created and written on the dispatch thread, and deleted on it too (the store runs
 * structural changes there), so a queue is never unmapped under the writer. Readers may look up queues from
 * any thread.
 */
public final class ConsumeQueueStore implements LogListener, AutoCloseable {

    private final Path root;
    private final int entriesPerSegment;
    private final Map<String, Map<Integer, ConsumeQueue>> queues = new ConcurrentHashMap<>();
    /** Dispatch thread only: the topic of the previous record and its queues. */
    private String lastTopic;
    private Map<Integer, ConsumeQueue> lastTopicQueues;

    private ConsumeQueueStore(Path root, int entriesPerSegment) {
        this.root = root;
        this.entriesPerSegment = entriesPerSegment;
    }

    /** Opens every queue found under {@code root}. */
    public static ConsumeQueueStore open(Path root, int entriesPerSegment) {
        ConsumeQueueStore store = new ConsumeQueueStore(root, entriesPerSegment);
        try {
            Files.createDirectories(root);
            try (DirectoryStream<Path> topics = Files.newDirectoryStream(root, Files::isDirectory)) {
                for (Path topicDir : topics) {
                    store.openTopic(topicDir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open consume queues in " + root, e);
        }
        return store;
    }

    private void openTopic(Path topicDir) throws IOException {
        String topic = topicDir.getFileName().toString();
        try (DirectoryStream<Path> queueDirs = Files.newDirectoryStream(topicDir, Files::isDirectory)) {
            for (Path queueDir : queueDirs) {
                int queueId;
                try {
                    queueId = Integer.parseInt(queueDir.getFileName().toString());
                } catch (NumberFormatException notAQueue) {
                    continue;
                }
                topicQueues(topic).put(queueId, ConsumeQueue.open(queueDir, topic, queueId, entriesPerSegment));
            }
        }
    }

    private Map<Integer, ConsumeQueue> topicQueues(String topic) {
        return queues.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
    }

    @Override
    public void onEntry(LogEntry entry) {
        // Records come in runs of one topic; remembering the last one's queues saves a map lookup per record.
        Map<Integer, ConsumeQueue> topicQueues = entry.topic().equals(lastTopic) ? lastTopicQueues
                : topicQueues(entry.topic());
        lastTopic = entry.topic();
        lastTopicQueues = topicQueues;
        ConsumeQueue queue = topicQueues.computeIfAbsent(entry.queueId(), id -> ConsumeQueue.open(
                root.resolve(entry.topic()).resolve(Integer.toString(id)), entry.topic(), id, entriesPerSegment));
        queue.put(entry.queueOffset(), entry.physicalOffset(), entry.recordSize(), entry.tagHash());
    }

    /** The queue, or null if nothing was ever dispatched to it. */
    public ConsumeQueue find(String topic, int queueId) {
        Map<Integer, ConsumeQueue> topicQueues = queues.get(topic);
        return topicQueues == null ? null : topicQueues.get(queueId);
    }

    /** Every queue, in no particular order. */
    public List<ConsumeQueue> all() {
        List<ConsumeQueue> all = new ArrayList<>();
        queues.values().forEach(topicQueues -> all.addAll(topicQueues.values()));
        return all;
    }

    /** Topics with at least one queue. */
    public List<String> topics() {
        return List.copyOf(queues.keySet());
    }

    /** Drops entries past a truncated log's end; returns how many. Recovery only. */
    public long truncateToLog(long logEnd) {
        long dropped = 0;
        for (ConsumeQueue queue : all()) {
            dropped += queue.truncateToLog(logEnd);
        }
        return dropped;
    }

    /** Forgets entries whose messages retention deleted. Dispatch thread only. */
    public void deleteBeforeLog(long minLogOffset) {
        for (ConsumeQueue queue : all()) {
            queue.deleteBeforeLog(minLogOffset);
        }
    }

    /** Deletes a topic's queues and files. Dispatch thread only. */
    public void deleteTopic(String topic) {
        Map<Integer, ConsumeQueue> removed = queues.remove(topic);
        lastTopic = null;
        lastTopicQueues = null;
        if (removed == null) {
            return;
        }
        removed.values().forEach(ConsumeQueue::delete);
        try {
            Files.deleteIfExists(root.resolve(topic));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete consume queue directory of " + topic, e);
        }
    }

    public void flush() {
        for (ConsumeQueue queue : all()) {
            queue.flush();
        }
    }

    @Override
    public void close() {
        all().forEach(ConsumeQueue::close);
        queues.clear();
    }
}
