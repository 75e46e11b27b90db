package io.couriermq.store;

/** The outcome of a queue read. In every case {@link GetResult#nextOffset()} says where to read next. */
public enum GetStatus {
    /** At least one message matched. */
    FOUND,
    /** Entries were read but none matched the filter; read on from the next offset. */
    NO_MATCHED_MESSAGE,
    /** The offset is the queue's end: nothing new yet. */
    NO_NEW_MESSAGE,
    /** The offset is below the queue's first offset (deleted by retention); next offset is the first. */
    OFFSET_TOO_SMALL,
    /** The offset is past the queue's end; next offset is the end. */
    OFFSET_OVERFLOW,
    /** No message was ever stored in this queue. */
    NO_SUCH_QUEUE
}
