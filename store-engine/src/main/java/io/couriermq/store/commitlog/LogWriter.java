package io.couriermq.store.commitlog;

import io.couriermq.store.AppendResult;
import io.couriermq.store.record.EncodedRecord;
import io.couriermq.store.record.RecordDescriptor;
import io.couriermq.store.record.RecordEncoder;
import io.couriermq.store.segment.Segment;
import io.couriermq.store.segment.SegmentList;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.zip.CRC32C;

/**
 * Writes encoded records at the end of the log: copies each into the current segment, stamps the fields only the
 * writer knows, and rolls to the next segment when a record would not fit beside an end-of-segment marker.
 *
 * <p>Records go into the segment one of two ways. Mapped, the record is laid out in the mapping itself: the
 * cheapest copy while pages stay dirty between periodic flushes. Written through, it is laid out in a staging
 * buffer and written to the file with one positional write: what a log forced after nearly every batch wants,
 * see {@link Segment#writeThrough}.
 *
 * <p>This class is not thread-safe: the append loop is its only user. It does not publish what it writes; the
 * loop publishes the new end once per batch.
 */
final class LogWriter {

    private final SegmentList segments;
    private final SegmentAllocator allocator;
    private final QueueOffsetTable queueOffsets;
    private final Duration rollTimeout;
    private final CRC32C crc = new CRC32C();
    /** Null when records are written through the mapping. */
    private final StagingBuffer staging;
    private Segment segment;
    private ByteBuffer buffer;
    /** The touching still going on in the current segment, if any. */
    private TouchAhead touching;
    /** How far into the current segment the writer may write without asking {@link #touching}. */
    private int writableEnd;
    private long position;

    LogWriter(SegmentList segments, SegmentAllocator allocator, QueueOffsetTable queueOffsets, long position,
              Duration rollTimeout, boolean writeThrough) {
        this.segments = segments;
        this.staging = writeThrough ? new StagingBuffer() : null;
        this.allocator = allocator;
        this.queueOffsets = queueOffsets;
        this.rollTimeout = rollTimeout;
        this.position = position;
        Segment resumed = segments.find(position);
        if (resumed == null) {
            enter(allocator.take(position, rollTimeout));
        } else {
            allocator.pretouchRest(resumed, position);
            segment = resumed;
            buffer = resumed.buffer().duplicate();
            writableEnd = resumed.size();
            allocator.prepare(resumed.endOffset());
        }
    }

    /** Makes {@code next} the current segment and starts preparing the one after it. */
    private void enter(SegmentAllocator.PreparedSegment next) {
        segments.add(next.segment());
        segment = next.segment();
        buffer = segment.buffer().duplicate();
        touching = next.touching();
        writableEnd = touching == null ? segment.size() : 0;
        allocator.prepare(segment.endOffset());
    }

    /** Makes sure the writer may write below {@code end} of the current segment (see {@link TouchAhead}). */
    private void ensureWritable(int end) {
        if (end > writableEnd) {
            writableEnd = touching.writableTo(end);
        }
    }

    /** The offset the next record will be written at. */
    long position() {
        return position;
    }

    /**
     * Writes one record and returns where it landed. Throws {@link io.couriermq.store.StoreException} when the
     * next segment cannot be had; the log is then unchanged and the next call tries again.
     */
    AppendResult write(EncodedRecord record, long storeTimestamp) {
        int length = record.length();
        ensureRoomFor(length);
        int at = (int) (position - segment.baseOffset());
        ensureWritable(at + length);
        long queueOffset = queueOffsets.assign(record.topic(), record.queueId());
        try {
            if (staging == null) {
                record.writeTo(buffer, at);
                RecordEncoder.seal(buffer, at, length, queueOffset, position, storeTimestamp, crc);
            } else {
                ByteBuffer bytes = staging.take(length);
                record.writeTo(bytes, 0);
                RecordEncoder.seal(bytes, 0, length, queueOffset, position, storeTimestamp, crc);
                segment.writeThrough(at, bytes);
            }
        } catch (RuntimeException | Error failedWrite) {
            // Given back, so a failed write leaves no gap in the queue's offsets.
            queueOffsets.set(record.topic(), record.queueId(), queueOffset);
            throw failedWrite;
        }
        AppendResult result = new AppendResult(position, length, queueOffset, storeTimestamp);
        position += length;
        return result;
    }

    /**
     * Copies bytes a primary wrote at this same position (replication). They never cross a segment end: the
     * primary's end-of-segment marker fills its segment, and the next chunk starts the next segment.
     */
    void writeRaw(ByteBuffer bytes) {
        if (position == segment.endOffset()) {
            enter(allocator.take(segment.endOffset(), rollTimeout));
        }
        int at = (int) (position - segment.baseOffset());
        int length = bytes.remaining();
        if (at + length > segment.size()) {
            throw new IllegalArgumentException("replicated bytes [" + position + ", " + (position + length)
                    + ") cross the end of segment " + segment);
        }
        ensureWritable(at + length);
        if (staging == null) {
            buffer.put(at, bytes, bytes.position(), length);
        } else {
            segment.writeThrough(at, bytes.duplicate());
        }
        position += length;
    }

    /**
     * Moves the position back to {@code earlier} in the current segment (or its base), forgetting bytes received
     * after it; they will be overwritten.
     */
    void rewindTo(long earlier) {
        if (earlier < segment.baseOffset() || earlier > position) {
            throw new IllegalArgumentException("cannot rewind from " + position + " to " + earlier + " outside "
                    + segment);
        }
        position = earlier;
    }

    private void ensureRoomFor(int length) {
        int at = (int) (position - segment.baseOffset());
        if (at + length + RecordDescriptor.END_OF_SEGMENT_MARKER_LENGTH <= segment.size()) {
            return;
        }
        // The marker first: if it fails, nothing was taken; if taking the next segment fails, the marker is past
        // the written position, invisible, and rewritten by the next attempt.
        writeEndOfSegment(at);
        enter(allocator.take(segment.endOffset(), rollTimeout));
        position = segment.baseOffset();
    }

    private void writeEndOfSegment(int at) {
        int length = segment.size() - at;
        ensureWritable(at + RecordDescriptor.END_OF_SEGMENT_MARKER_LENGTH);
        if (staging == null) {
            RecordEncoder.writeEndOfSegment(buffer, at, length);
        } else {
            ByteBuffer marker = staging.take(RecordDescriptor.END_OF_SEGMENT_MARKER_LENGTH);
            RecordEncoder.writeEndOfSegment(marker, 0, length);
            segment.writeThrough(at, marker);
        }
    }
}
