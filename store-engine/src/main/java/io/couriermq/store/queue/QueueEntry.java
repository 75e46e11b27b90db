package io.couriermq.store.queue;

/**
 * One consume queue entry: where the message with this queue offset sits in the commit log.
 *
 * @param tagHash hash of the message's tag, for filtering without reading the log
 */
public record QueueEntry(long queueOffset, long physicalOffset, int size, long tagHash) {
}
