package io.couriermq.store.queue;

import io.couriermq.store.segment.Segment;
import io.couriermq.store.segment.SegmentList;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The index of one (topic, queue id): fixed-size entries, one per message in queue-offset order, each pointing
 * into the commit log. Entry {@code n} lives at byte {@code n * ENTRY_SIZE}, so a lookup by offset is one
 * multiplication, and rewriting an entry during replay leaves the same bytes.
 *
 * <pre>
 *   0                8        12               20
 *   +----------------+--------+----------------+
 *   | physical offset|  size  |    tag hash    |
 *   +----------------+--------+----------------+
 * </pre>
 *
 * A size of zero marks an entry never written: the tail of the last segment, and the head of the first one when
 * the queue starts past its base after retention.
 *
 * <p>Threading: the dispatch thread writes ({@link #put}); recovery and retention change the range while the
 * dispatcher is stopped or behind them; any thread reads below the published {@link #maxOffset()}.
 */
public final class ConsumeQueue {

    public static final int ENTRY_SIZE = 20;
    private static final int SIZE_FIELD = 8;
    private static final int TAG_HASH_FIELD = 12;

    private final String topic;
    private final int queueId;
    private final SegmentList segments;
    private final int entriesPerSegment;
    private volatile long minOffset;
    private volatile long maxOffset;
    private long flushedOffset;

    private ConsumeQueue(String topic, int queueId, SegmentList segments, int entriesPerSegment) {
        this.topic = topic;
        this.queueId = queueId;
        this.segments = segments;
        this.entriesPerSegment = entriesPerSegment;
    }

    /** Opens the queue's files in {@code dir}, finding its offset range from the entries written. */
    public static ConsumeQueue open(Path dir, String topic, int queueId, int entriesPerSegment) {
        SegmentList segments = SegmentList.open(dir, entriesPerSegment * ENTRY_SIZE);
        ConsumeQueue queue = new ConsumeQueue(topic, queueId, segments, entriesPerSegment);
        queue.maxOffset = queue.findMaxOffset();
        queue.minOffset = queue.findMinOffset();
        queue.flushedOffset = queue.maxOffset;
        return queue;
    }

    private long findMaxOffset() {
        Segment last = segments.last();
        if (last == null) {
            return 0;
        }
        ByteBuffer buffer = last.buffer();
        for (int at = last.size() - ENTRY_SIZE; at >= 0; at -= ENTRY_SIZE) {
            if (buffer.getInt(at + SIZE_FIELD) != 0) {
                return (last.baseOffset() + at) / ENTRY_SIZE + 1;
            }
        }
        return last.baseOffset() / ENTRY_SIZE;
    }

    private long findMinOffset() {
        Segment first = segments.first();
        if (first == null) {
            return maxOffset;
        }
        ByteBuffer buffer = first.buffer();
        long end = Math.min(first.endOffset(), maxOffset * ENTRY_SIZE) - first.baseOffset();
        for (int at = 0; at < end; at += ENTRY_SIZE) {
            if (buffer.getInt(at + SIZE_FIELD) != 0) {
                return (first.baseOffset() + at) / ENTRY_SIZE;
            }
        }
        return maxOffset;
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    /** The first offset still held. */
    public long minOffset() {
        return minOffset;
    }

    /** The offset the next message will get: one past the last entry. */
    public long maxOffset() {
        return maxOffset;
    }

    /**
     * Writes the entry for {@code queueOffset}. Offsets below {@link #maxOffset()} are rewritten in place
     * (replay after a restart); an offset below the first segment, long deleted by retention, is ignored.
     */
    public void put(long queueOffset, long physicalOffset, int size, long tagHash) {
        long position = queueOffset * ENTRY_SIZE;
        Segment segment = segmentFor(position);
        if (segment == null) {
            return;
        }
        int at = (int) (position - segment.baseOffset());
        ByteBuffer buffer = segment.buffer();
        buffer.putLong(at, physicalOffset);
        buffer.putInt(at + SIZE_FIELD, size);
        buffer.putLong(at + TAG_HASH_FIELD, tagHash);
        if (minOffset == maxOffset && queueOffset >= maxOffset) {
            // First entry of an empty queue, which need not start at 0 once retention has run.
            minOffset = queueOffset;
        }
        if (queueOffset >= maxOffset) {
            maxOffset = queueOffset + 1;
        }
    }

    private Segment segmentFor(long position) {
        Segment last = segments.last();
        if (last == null) {
            long base = position - position % segments.segmentSize();
            return segments.roll(base);
        }
        if (position < segments.minOffset(0)) {
            return null;
        }
        while (position >= last.endOffset()) {
            last = segments.roll(0);
        }
        return segments.find(position);
    }

    /** The entry at {@code queueOffset}, or null if the queue does not hold it. */
    public QueueEntry get(long queueOffset) {
        List<QueueEntry> entries = read(queueOffset, 1);
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** Up to {@code maxEntries} entries from {@code fromOffset} on, stopping at the end of a segment. */
    public List<QueueEntry> read(long fromOffset, int maxEntries) {
        long end = Math.min(maxOffset, fromOffset + maxEntries);
        if (fromOffset < minOffset || fromOffset >= end) {
            return List.of();
        }
        Segment segment = segments.retain(fromOffset * ENTRY_SIZE);
        if (segment == null) {
            return List.of();
        }
        try {
            List<QueueEntry> entries = new ArrayList<>((int) (end - fromOffset));
            ByteBuffer buffer = segment.buffer();
            for (long offset = fromOffset; offset < end; offset++) {
                long position = offset * ENTRY_SIZE;
                if (position >= segment.endOffset()) {
                    break;
                }
                int at = (int) (position - segment.baseOffset());
                entries.add(new QueueEntry(offset, buffer.getLong(at), buffer.getInt(at + SIZE_FIELD),
                        buffer.getLong(at + TAG_HASH_FIELD)));
            }
            return entries;
        } finally {
            segment.release();
        }
    }

    /**
     * Drops the entries that point at or past {@code logEnd}, which a truncated commit log no longer holds.
     * Returns how many were dropped. Recovery only.
     */
    public long truncateToLog(long logEnd) {
        long dropped = 0;
        while (maxOffset > minOffset) {
            QueueEntry last = get(maxOffset - 1);
            if (last.physicalOffset() + last.size() <= logEnd) {
                break;
            }
            clear(maxOffset - 1);
            maxOffset--;
            dropped++;
        }
        // Keep the segment the next entry goes to; later ones hold only dropped entries.
        segments.deleteFrom(maxOffset * ENTRY_SIZE + 1);
        flushedOffset = Math.min(flushedOffset, maxOffset);
        return dropped;
    }

    private void clear(long queueOffset) {
        Segment segment = segments.find(queueOffset * ENTRY_SIZE);
        int at = (int) (queueOffset * ENTRY_SIZE - segment.baseOffset());
        segment.buffer().put(at, new byte[ENTRY_SIZE]);
    }

    /**
     * Forgets the entries that point below {@code minLogOffset}, whose messages retention deleted: whole
     * segments go, and the queue's minimum offset moves past the rest.
     */
    public void deleteBeforeLog(long minLogOffset) {
        while (segments.count() > 1) {
            Segment first = segments.first();
            long lastOffsetOfFirst = first.endOffset() / ENTRY_SIZE - 1;
            // A segment wholly below the queue's minimum goes without looking: its entries are already forgotten.
            if (lastOffsetOfFirst >= minOffset) {
                QueueEntry lastOfFirst = get(lastOffsetOfFirst);
                if (lastOfFirst == null || lastOfFirst.physicalOffset() >= minLogOffset) {
                    break;
                }
            }
            segments.deleteFirst();
            minOffset = Math.max(minOffset, first.endOffset() / ENTRY_SIZE);
        }
        long min = minOffset;
        QueueEntry entry;
        while (min < maxOffset && (entry = get(min)) != null && entry.physicalOffset() < minLogOffset) {
            min++;
        }
        minOffset = min;
    }

    /** Forces the entries written since the last flush. */
    public void flush() {
        long to = maxOffset;
        long from = flushedOffset;
        for (long position = from * ENTRY_SIZE; position < to * ENTRY_SIZE; ) {
            Segment segment = segments.retain(position);
            if (segment == null) {
                break;
            }
            try {
                long end = Math.min(segment.endOffset(), to * ENTRY_SIZE);
                segment.force((int) (position - segment.baseOffset()), (int) (end - segment.baseOffset()));
                position = end;
            } finally {
                segment.release();
            }
        }
        flushedOffset = to;
    }

    public int entriesPerSegment() {
        return entriesPerSegment;
    }

    public void close() {
        segments.close();
    }

    /** Deletes the queue's files; the queue must no longer be used. */
    public void delete() {
        segments.deleteAll();
    }
}
