package io.couriermq.store.commitlog;

import io.couriermq.store.AppendResult;
import io.couriermq.store.FlushMode;
import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.record.EncodedRecord;
import io.couriermq.store.record.LogEntry;
import io.couriermq.store.record.RecordCheck;
import io.couriermq.store.record.RecordDescriptor;
import io.couriermq.store.record.RecordDecoder;
import io.couriermq.store.segment.Segment;
import io.couriermq.store.segment.SegmentList;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The append-only log of all messages, in segment files. Two positions tell readers how far the log goes:
 * {@link #writtenPosition()}, up to which records are complete and readable, and {@link #flushedPosition()}, up to
 * which they are on disk. Both only grow while the log is open.
 *
 * <p>Threading: {@link #append} may be called from any thread. One appender at a time writes, under the write
 * lock, on its own thread: a write is a copy of a few hundred bytes, far cheaper than handing the record to
 * another thread and waking the caller again, which is what a dedicated writer thread would cost per append.
 * Readers take no lock: they read below the written position, which an appender publishes with a volatile write
 * after the bytes are in place.
 */
public final class CommitLog implements AutoCloseable {

    private final SegmentList segments;
    private final InFlightLimiter limiter;
    private final SegmentAllocator allocator;
    private final Duration syncFlushTimeout;
    private final Clock clock;
    private final FlushPolicy flushPolicy;
    private final Runnable positionsAdvanced;
    private final boolean writeThrough;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object forceLock = new Object();
    /** Guarded by {@link #writeLock}; null until {@link #startAppending}. */
    private LogWriter writer;
    private boolean closed;
    private volatile long writtenPosition;
    private volatile long flushedPosition;
    private volatile StoreException offlineCause;

    /**
     * A log whose valid data ends at {@code end}, as recovery established; readable at once, appendable after
     * {@link #startAppending}. The two steps exist because recovery reads the log to rebuild the consume queues,
     * and only those tell the writer where each queue's offsets continue.
     *
     * @param segments          the log's segments, recovered and truncated to {@code end}
     * @param positionsAdvanced called after the written or flushed position grew, on the thread that grew it;
     *                          must be cheap
     */
    public CommitLog(SegmentList segments, long end, FlushMode flushMode, int maxAppendsInFlight,
                     long maxBytesInFlight, Duration syncFlushTimeout, Clock clock, Runnable positionsAdvanced) {
        this.segments = segments;
        this.syncFlushTimeout = syncFlushTimeout;
        this.clock = clock;
        this.positionsAdvanced = positionsAdvanced;
        this.writtenPosition = end;
        this.flushedPosition = end;
        this.limiter = new InFlightLimiter(maxAppendsInFlight, maxBytesInFlight);
        boolean syncFlush = flushMode == FlushMode.SYNC_FLUSH;
        this.flushPolicy = syncFlush ? new GroupCommit(this, limiter) : new AsyncFlush(this, limiter);
        // A log forced after every group of appends writes through the file (Segment.writeThrough says why);
        // one flushed now and then writes through the mapping, the cheaper copy while pages stay dirty.
        this.writeThrough = syncFlush;
        // Touching pages ahead spares a mapped writer page faults; a writer through the file takes none.
        this.allocator = new SegmentAllocator(segments, !writeThrough);
    }

    /**
     * Starts taking appends at the end of the log.
     *
     * @param queueOffsets the next queue offset of every queue, recovered from the consume queues; guarded by the
     *                     write lock from now on
     */
    public void startAppending(QueueOffsetTable queueOffsets) {
        writeLock.lock();
        try {
            writer = new LogWriter(segments, allocator, queueOffsets, writtenPosition, syncFlushTimeout,
                    writeThrough);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Appends a record. The future completes once the record is as durable as the flush mode promises, or
     * fails with a {@link StoreException}: BUSY when too much is in flight, CLOSED, IO_ERROR when the log went
     * offline, DISK_FULL, FLUSH_TIMEOUT.
     */
    public CompletableFuture<AppendResult> append(EncodedRecord record) {
        StoreException offline = offlineCause;
        if (offline != null) {
            return CompletableFuture.failedFuture(new StoreException(offline.code(),
                    "commit log is offline after: " + offline.getMessage()));
        }
        if (!limiter.tryReserve(record.length())) {
            return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.BUSY, "too many appends "
                    + "in flight: " + limiter.count() + " appends, " + limiter.bytes() + " bytes"));
        }
        CompletableFuture<AppendResult> future;
        writeLock.lock();
        try {
            if (closed || writer == null) {
                limiter.release(record.length());
                return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.CLOSED,
                        "commit log is not open for appends"));
            }
            AppendResult result = writer.write(record, clock.millis());
            writtenPosition = writer.position();
            future = flushPolicy.onWritten(result, record.length());
        } catch (StoreException e) {
            limiter.release(record.length());
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException | InternalError e) {
            limiter.release(record.length());
            return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.IO_ERROR, "append failed: " + e,
                    e));
        } finally {
            writeLock.unlock();
        }
        positionsAdvanced.run();
        return future;
    }

    /**
     * Appends bytes that the primary holds at the same offsets (a replica's only way to write). Complete records
     * among them, validated, become readable; a partial one waits for the rest.
     *
     * @throws IllegalArgumentException if {@code offset} is not where the received bytes end
     * @throws StoreException           CORRUPT_RECORD if the bytes do not hold valid records; nothing is published
     *                                  and the received position falls back to the end of the valid records
     */
    public void appendReplicated(long offset, ByteBuffer bytes) {
        writeLock.lock();
        try {
            if (closed || writer == null) {
                throw new StoreException(StoreErrorCode.CLOSED, "commit log is not open for appends");
            }
            if (offset != writer.position()) {
                throw new IllegalArgumentException("replicated bytes start at " + offset + " but the log's received "
                        + "bytes end at " + writer.position());
            }
            writer.writeRaw(bytes);
            try {
                writtenPosition = completeRecordsEnd(writtenPosition, writer.position());
            } catch (StoreException corrupt) {
                // Forget the bad bytes, so a retry of the same range starts where the valid records end.
                writer.rewindTo(writtenPosition);
                throw corrupt;
            }
        } finally {
            writeLock.unlock();
        }
        positionsAdvanced.run();
    }

    /** Where complete, valid records end, scanning from {@code from} through bytes received up to {@code received}. */
    private long completeRecordsEnd(long from, long received) {
        CRC32C crc = new CRC32C();
        long position = from;
        while (position < received) {
            Segment segment = segments.find(position);
            int at = (int) (position - segment.baseOffset());
            int available = (int) (Math.min(received, segment.endOffset()) - position);
            if (available < RecordDescriptor.END_OF_SEGMENT_MARKER_LENGTH) {
                return position;
            }
            int length = segment.buffer().getInt(at);
            if (length <= 0 || length > segment.size() - at) {
                return rejectCorrupt(position, length);
            }
            if (length > available) {
                return position;
            }
            RecordCheck check = RecordDecoder.check(segment.buffer(), at, segment.size(), position, crc);
            switch (check.kind()) {
                case RECORD -> position += check.length();
                case END_OF_SEGMENT -> position = segment.endOffset();
                default -> rejectCorrupt(position, length);
            }
        }
        return position;
    }

    private static long rejectCorrupt(long position, int length) {
        throw new StoreException(StoreErrorCode.CORRUPT_RECORD, "replicated bytes at " + position
                + " do not hold a valid record (length " + length + ")");
    }

    /** The bytes received from a primary, complete records or not: where its next replicated bytes go. */
    public long receivedPosition() {
        writeLock.lock();
        try {
            return writer == null ? writtenPosition : writer.position();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Copies log bytes from {@code offset} into {@code into}, up to the written position and no further than the
     * end of the segment holding {@code offset}; returns how many (0 at the end). For shipping to replicas: the
     * bytes may end mid-record.
     */
    public int readRaw(long offset, ByteBuffer into) {
        if (offset == writtenPosition) {
            return 0;
        }
        Segment segment = retainForRead(offset);
        try {
            long end = Math.min(writtenPosition, segment.endOffset());
            int length = (int) Math.min(into.remaining(), end - offset);
            into.put(into.position(), segment.buffer(), (int) (offset - segment.baseOffset()), length);
            into.position(into.position() + length);
            return length;
        } finally {
            segment.release();
        }
    }

    /** CRC32C of the log bytes in {@code [from, to)}, to tell whether two logs hold the same bytes there. */
    public int checksum(long from, long to) {
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long position = from;
        while (position < to) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), to - position));
            int read = readRaw(position, chunk);
            if (read == 0) {
                throw new StoreException(StoreErrorCode.OFFSET_NOT_FOUND, "log ends at " + position + " before " + to);
            }
            chunk.flip();
            crc.update(chunk);
            position += read;
        }
        return (int) crc.getValue();
    }

    /** Records are complete and readable below this offset. */
    public long writtenPosition() {
        return writtenPosition;
    }

    /** Records are on disk below this offset. */
    public long flushedPosition() {
        return flushedPosition;
    }

    /** The first offset the log still holds. */
    public long minOffset() {
        return segments.minOffset(writtenPosition);
    }

    public SegmentList segments() {
        return segments;
    }

    /** Appends accepted but not yet complete. */
    public long appendsInFlight() {
        return limiter.count();
    }

    /**
     * Forces the log to disk up to at least {@code target} (at most the written position) and returns the
     * flushed position. An I/O failure takes the log offline: it refuses appends from then on, since what is
     * on disk can no longer be known.
     */
    public long forceTo(long target) {
        synchronized (forceLock) {
            long from = flushedPosition;
            long to = Math.min(target, writtenPosition);
            if (to <= from) {
                return from;
            }
            try {
                forceRange(from, to);
            } catch (RuntimeException | Error e) {
                StoreException cause = new StoreException(StoreErrorCode.IO_ERROR, "force of the commit log "
                        + "from " + from + " to " + to + " failed: " + e, e);
                offlineCause = cause;
                throw cause;
            }
            flushedPosition = to;
            positionsAdvanced.run();
            return to;
        }
    }

    private void forceRange(long from, long to) {
        long position = from;
        while (position < to) {
            Segment segment = segments.find(position);
            if (segment == null) {
                // Deleted by retention: long since on disk.
                position = nextSegmentBase(position, to);
                continue;
            }
            long end = Math.min(to, segment.endOffset());
            segment.force((int) (position - segment.baseOffset()), (int) (end - segment.baseOffset()));
            position = end;
        }
    }

    private long nextSegmentBase(long position, long to) {
        Segment first = segments.first();
        return first != null && first.baseOffset() > position ? Math.min(first.baseOffset(), to) : to;
    }

    /** Called by the store's flusher every flush interval. */
    public void onFlushInterval() {
        flushPolicy.onFlushInterval();
        flushPolicy.expireWaiting(System.nanoTime(), syncFlushTimeout.toNanos());
    }

    /** Reads and validates the record at {@code offset}; fails with OFFSET_NOT_FOUND or CORRUPT_RECORD. */
    public StoredMessage read(long offset) {
        Segment segment = retainForRead(offset);
        try {
            int at = checkRecord(segment, offset, new CRC32C());
            return RecordDecoder.decode(segment.buffer(), at);
        } finally {
            segment.release();
        }
    }

    /** Reads the store timestamp of the record at {@code offset}, without validating the record. */
    public long storeTimestampAt(long offset) {
        Segment segment = retainForRead(offset);
        try {
            return RecordDecoder.storeTimestamp(segment.buffer(), (int) (offset - segment.baseOffset()));
        } finally {
            segment.release();
        }
    }

    /**
     * Feeds the records from {@code from} on to {@code sink}, in order, stopping at {@code limit}, after
     * {@code maxRecords}, or at the end of the segment holding {@code from} (the next call continues in the next
     * segment). Returns the offset after the last record fed, or the next segment's base. One segment reference is
     * held for the whole call, which matters to the dispatcher that calls this for every record of the log.
     */
    public long scan(long from, long limit, int maxRecords, Consumer<LogEntry> sink) {
        Segment segment = retainForRead(from);
        try {
            ByteBuffer buffer = segment.buffer();
            long position = from;
            for (int fed = 0; fed < maxRecords && position < limit; fed++) {
                int at = (int) (position - segment.baseOffset());
                switch (RecordDecoder.peekKind(buffer, at, segment.size())) {
                    case RECORD -> {
                        LogEntry entry = RecordDecoder.decodeEntry(buffer, at);
                        sink.accept(entry);
                        position = entry.endOffset();
                    }
                    case END_OF_SEGMENT -> {
                        return segment.endOffset();
                    }
                    case END_OF_DATA, CORRUPT -> throw new StoreException(StoreErrorCode.CORRUPT_RECORD,
                            "no record at offset " + position + " below the written position " + writtenPosition);
                }
            }
            return position;
        } finally {
            segment.release();
        }
    }

    private Segment retainForRead(long offset) {
        if (offset >= writtenPosition || offset < 0) {
            throw new StoreException(StoreErrorCode.OFFSET_NOT_FOUND, "offset " + offset
                    + " is not below the written position " + writtenPosition);
        }
        Segment segment = segments.retain(offset);
        if (segment == null) {
            throw new StoreException(StoreErrorCode.OFFSET_NOT_FOUND, "offset " + offset
                    + " is no longer held (the log starts at " + minOffset() + ")");
        }
        return segment;
    }

    private static int checkRecord(Segment segment, long offset, CRC32C crc) {
        int at = (int) (offset - segment.baseOffset());
        RecordCheck check = RecordDecoder.check(segment.buffer(), at, segment.size(), offset, crc);
        if (check.kind() != RecordCheck.Kind.RECORD) {
            throw new StoreException(StoreErrorCode.CORRUPT_RECORD, "no valid record at offset " + offset + ": "
                    + (check.problem() == null ? check.kind() : check.problem()));
        }
        return at;
    }

    /** Stops accepting appends; forces what was written and completes it. Reads go on working. */
    public void stopAppending() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            writeLock.unlock();
        }
        flushPolicy.close();
        allocator.close();
    }

    /** Stops appending if still running, forces the log, and unmaps the segments. */
    @Override
    public void close() {
        stopAppending();
        forceTo(writtenPosition);
        segments.close();
    }
}
