package io.couriermq.store.dispatch;

import io.couriermq.store.record.LogEntry;

/**
 * A store derived from the commit log (a consume queue, the index, a broker's arrival notifier), fed by the
 * {@link Dispatcher} in log order. Listeners must tolerate seeing an entry again after a restart: dispatch
 * resumes from a checkpoint, which may be behind what a listener already holds.
 *
 * <p>Threading: both methods are called on the dispatch thread only.
 */
public interface LogListener {

    /** One record, in log order. */
    void onEntry(LogEntry entry);

    /** The log is dispatched up to {@code dispatchedTo}; a good moment to publish what the entries changed. */
    default void onDispatched(long dispatchedTo) {
    }
}
