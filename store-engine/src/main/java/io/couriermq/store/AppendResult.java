package io.couriermq.store;

/**
 * Where an appended message landed.
 *
 * @param physicalOffset commit log offset of the record
 * @param recordSize     bytes the record occupies in the commit log
 * @param queueOffset    position of the message in its consume queue
 * @param storeTimestamp time the store wrote it, in epoch milliseconds
 */
public record AppendResult(long physicalOffset, int recordSize, long queueOffset, long storeTimestamp) {

    /** The commit log offset just past this record: once the log is durable to here, so is the message. */
    public long endOffset() {
        return physicalOffset + recordSize;
    }
}
