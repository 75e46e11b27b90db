package io.couriermq.store;

/** When an append counts as done. */
public enum FlushMode {
    /** Done once the record is in the page cache; a background flusher forces it to disk periodically. */
    ASYNC_FLUSH,
    /** Done only after the record has been forced to disk; concurrent appends share one force (group commit). */
    SYNC_FLUSH
}
