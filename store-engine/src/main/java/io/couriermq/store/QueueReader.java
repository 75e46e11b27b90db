package io.couriermq.store;

import io.couriermq.store.commitlog.CommitLog;
import io.couriermq.store.queue.ConsumeQueue;
import io.couriermq.store.queue.ConsumeQueueStore;
import io.couriermq.store.queue.QueueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads messages by queue: walks consume queue entries, filters by tag hash, loads the matching records from
 * the commit log and checks their real tags. Every read is bounded by messages, bytes and entries scanned, so a
 * sparse filter over a long queue costs a bounded amount per call and returns where to continue.
 */
final class QueueReader {

    private static final Logger LOG = LoggerFactory.getLogger(QueueReader.class);
    /** Entries examined per read at most, matched or not. */
    static final int MAX_ENTRIES_SCANNED = 2_000;
    /** Bytes of messages returned per read at most (at least one message is always returned). */
    static final long MAX_BYTES_PER_READ = 16L * 1024 * 1024;
    private static final int ENTRIES_PER_BATCH = 256;

    private final CommitLog log;
    private final ConsumeQueueStore queues;
    private final AtomicLong corruptRecordsSkipped = new AtomicLong();

    QueueReader(CommitLog log, ConsumeQueueStore queues) {
        this.log = log;
        this.queues = queues;
    }

    GetResult read(String topic, int queueId, long offset, int maxCount, TagFilter filter) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return GetResult.empty(GetStatus.NO_SUCH_QUEUE, 0, 0, 0);
        }
        long min = queue.minOffset();
        long max = queue.maxOffset();
        if (offset < min) {
            return GetResult.empty(GetStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset > max) {
            return GetResult.empty(GetStatus.OFFSET_OVERFLOW, max, min, max);
        }
        if (offset == max) {
            return GetResult.empty(GetStatus.NO_NEW_MESSAGE, max, min, max);
        }
        List<StoredMessage> found = new ArrayList<>();
        long next = offset;
        long bytes = 0;
        int scanned = 0;
        scan:
        while (found.size() < maxCount && scanned < MAX_ENTRIES_SCANNED && next < max) {
            List<QueueEntry> entries = queue.read(next, Math.min(ENTRIES_PER_BATCH, MAX_ENTRIES_SCANNED - scanned));
            if (entries.isEmpty()) {
                break;
            }
            for (QueueEntry entry : entries) {
                if (!found.isEmpty() && bytes + entry.size() > MAX_BYTES_PER_READ) {
                    break scan;
                }
                scanned++;
                next = entry.queueOffset() + 1;
                StoredMessage message = load(entry, filter);
                if (message != null) {
                    found.add(message);
                    bytes += entry.size();
                    if (found.size() == maxCount) {
                        break scan;
                    }
                }
            }
        }
        GetStatus status = found.isEmpty() ? GetStatus.NO_MATCHED_MESSAGE : GetStatus.FOUND;
        return new GetResult(status, found, next, min, max);
    }

    /** The message of an entry if it passes the filter; null if filtered out or unreadable. */
    private StoredMessage load(QueueEntry entry, TagFilter filter) {
        if (!filter.mayMatch(entry.tagHash())) {
            return null;
        }
        try {
            StoredMessage message = log.read(entry.physicalOffset());
            return filter.matches(message.tag()) ? message : null;
        } catch (StoreException e) {
            if (e.code() == StoreErrorCode.CORRUPT_RECORD) {
                corruptRecordsSkipped.incrementAndGet();
                LOG.error("skipping queue offset {} of a queue: {}", entry.queueOffset(), e.getMessage());
            }
            // OFFSET_NOT_FOUND: retention took the record before the queue caught up; nothing to return.
            return null;
        }
    }

    /**
     * The first offset of the queue whose message was stored at or after {@code timestamp}: the queue's end if
     * every message is older, its first offset if every message is newer.
     */
    long offsetForTimestamp(String topic, int queueId, long timestamp) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return 0;
        }
        long low = queue.minOffset();
        long high = queue.maxOffset();
        while (low < high) {
            long mid = (low + high) >>> 1;
            long stored = storeTimestampOf(queue, mid);
            if (stored < timestamp) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private long storeTimestampOf(ConsumeQueue queue, long offset) {
        QueueEntry entry = queue.get(offset);
        if (entry == null) {
            return Long.MIN_VALUE;
        }
        try {
            return log.storeTimestampAt(entry.physicalOffset());
        } catch (StoreException deletedByRetention) {
            return Long.MIN_VALUE;
        }
    }

    long corruptRecordsSkipped() {
        return corruptRecordsSkipped.get();
    }
}
