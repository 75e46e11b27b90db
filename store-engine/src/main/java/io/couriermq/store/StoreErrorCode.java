package io.couriermq.store;

/**
 * Why the store refused or failed an operation. Each code names one cause that a service maps to one protocol
 * status, so callers switch on the code and never parse messages.
 */
public enum StoreErrorCode {
    /** The message body is larger than {@code maxMessageSize}. */
    MESSAGE_TOO_LARGE,
    /** The message has an empty body. */
    MESSAGE_BODY_EMPTY,
    /** The properties, encoded, are larger than {@code maxPropertiesSize}, or a key or value is malformed. */
    PROPERTIES_TOO_LARGE,
    /** The topic name is empty, too long or has characters outside the allowed set. */
    ILLEGAL_TOPIC,
    /** The queue id is negative or beyond the limit. */
    ILLEGAL_QUEUE_ID,
    /** Too many appends or bytes are in flight; retry later. */
    BUSY,
    /** The disk has no room for the next segment, or is fuller than the configured refusal ratio. */
    DISK_FULL,
    /** An I/O error took the store offline; it no longer accepts writes. */
    IO_ERROR,
    /** A SYNC_FLUSH append did not reach the disk within {@code syncFlushTimeout}. */
    FLUSH_TIMEOUT,
    /** A record on disk failed validation (length, magic or CRC). */
    CORRUPT_RECORD,
    /** A requested offset does not hold a record. */
    OFFSET_NOT_FOUND,
    /** The store is closed. */
    CLOSED,
    /** The store is a replica ({@link StoreConfig#replica()}): its log is written only by replication. */
    READ_ONLY
}
