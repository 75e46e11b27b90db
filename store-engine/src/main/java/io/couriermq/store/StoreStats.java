package io.couriermq.store;

/**
 * A snapshot of the store's positions and resources, for metrics and health checks.
 *
 * @param logMinOffset       first commit log offset still held
 * @param logWrittenOffset   end of the readable log
 * @param logFlushedOffset   end of the log known to be on disk
 * @param dispatchedOffset   end of the log reflected in consume queues and the index
 * @param appendsInFlight    appends accepted and not yet complete
 * @param logSegments        commit log segment files
 * @param diskUsedRatio      share of the store's file system in use, at the last check
 * @param writable           whether appends are accepted (false when the disk is too full or the log offline)
 * @param corruptRecordsSkipped records readers skipped because they failed validation
 */
public record StoreStats(
        long logMinOffset,
        long logWrittenOffset,
        long logFlushedOffset,
        long dispatchedOffset,
        long appendsInFlight,
        int logSegments,
        double diskUsedRatio,
        boolean writable,
        long corruptRecordsSkipped) {

    /** Bytes written but not yet on disk. */
    public long flushBehindBytes() {
        return logWrittenOffset - logFlushedOffset;
    }

    /** Bytes written but not yet in consume queues and the index. */
    public long dispatchBehindBytes() {
        return logWrittenOffset - dispatchedOffset;
    }
}
