package io.couriermq.broker.core.timer;

import io.couriermq.store.dispatch.LogListener;
import io.couriermq.store.record.LogEntry;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes one waiting thread when records of a topic have been dispatched (so they are readable by queue), or when
 * anyone else {@link #signal}s. The timer waits on it between rounds: new timer messages and completed appends
 * both wake it, and otherwise it sleeps until its next due time.
 *
 * <p>Threading: the dispatch thread calls the listener methods; one thread at a time may {@link #await}.
 */
public final class ArrivalSignal implements LogListener {

    private final String topic;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile Thread waiter;
    private boolean arrivedInBatch;

    public ArrivalSignal(String topic) {
        this.topic = topic;
    }

    public void signal() {
        signalled.set(true);
        Thread current = waiter;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /** Returns when signalled (now or since the last return) or after {@code nanos}. */
    void await(long nanos) {
        waiter = Thread.currentThread();
        if (!signalled.getAndSet(false)) {
            LockSupport.parkNanos(this, nanos);
            // Whatever woke us, the caller looks at everything next, so an earlier signal is covered too.
            signalled.set(false);
        }
    }

    @Override
    public void onEntry(LogEntry entry) {
        if (!arrivedInBatch && topic.equals(entry.topic())) {
            arrivedInBatch = true;
        }
    }

    @Override
    public void onDispatched(long dispatchedTo) {
        if (arrivedInBatch) {
            arrivedInBatch = false;
            signal();
        }
    }
}
