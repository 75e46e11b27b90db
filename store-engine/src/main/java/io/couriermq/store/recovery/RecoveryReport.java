package io.couriermq.store.recovery;

/**
 * What recovery found and did when the store was opened.
 *
 * @param cleanShutdown         whether the previous run closed cleanly
 * @param scanStartOffset       where validation of the commit log started (the checkpoint, or the log's start)
 * @param recoveredEndOffset    the end of valid data: appends continue here
 * @param recordsValidated      records checked between the two offsets
 * @param truncatedAtOffset     where invalid bytes began and were cut, or -1 if nothing was cut
 * @param discardedBytes        how many bytes past the valid end held data, up to the last non-zero byte
 * @param problem               why the first invalid record was rejected, or null
 * @param segmentsDeleted       commit log segments past the valid end that were deleted
 * @param queueEntriesDropped   consume queue entries that pointed past the valid end
 * @param dispatchStartOffset   where consume queues and the index were rebuilt from
 */
public record RecoveryReport(
        boolean cleanShutdown,
        long scanStartOffset,
        long recoveredEndOffset,
        long recordsValidated,
        long truncatedAtOffset,
        long discardedBytes,
        String problem,
        int segmentsDeleted,
        long queueEntriesDropped,
        long dispatchStartOffset) {

    public boolean truncated() {
        return truncatedAtOffset >= 0;
    }
}
