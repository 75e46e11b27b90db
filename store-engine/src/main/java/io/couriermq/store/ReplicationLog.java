package io.couriermq.store;

import java.nio.ByteBuffer;

/**
 * The narrow view of the commit log that replication needs, and all it may touch: a primary reads raw bytes from
 * any offset to ship them; a replica appends the same bytes at the same offsets and its store builds consume
 * queues and the index from them as usual. Raw bytes may end mid-record; only complete, validated records become
 * readable.
 */
public interface ReplicationLog {

    /** The first offset the log holds. */
    long startOffset();

    /** The end of complete records: what a replica confirms it holds. */
    long endOffset();

    /** The end of the bytes received from a primary, complete records or not: where the next bytes go. */
    long receivedOffset();

    /** The end of what is on disk. */
    long flushedOffset();

    /**
     * Copies log bytes from {@code offset} into {@code into}, stopping at the end of the log and at the end of the
     * segment holding {@code offset}; returns how many bytes (0 when {@code offset} is the end).
     */
    int read(long offset, ByteBuffer into);

    /**
     * Appends bytes read from a primary at the same offset, which must equal {@link #receivedOffset()}.
     *
     * @throws StoreException CORRUPT_RECORD if they do not hold valid records; the received offset then falls back
     *                        to the end of the complete records, where the next attempt starts
     */
    void append(long offset, ByteBuffer bytes);

    /** CRC32C of the bytes in {@code [from, to)}: equal on two logs that hold the same bytes there. */
    int checksum(long from, long to);

    /**
     * Runs {@code listener} (cheaply, on the writing thread) whenever the log grows, until the returned handle is
     * closed.
     */
    AutoCloseable addGrowthListener(Runnable listener);
}
