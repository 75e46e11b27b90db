package io.couriermq.ha.master;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * Makes daemon threads with one role name for an executor, and remembers them, so that {@code close()} can join
 * them with a timeout after the executor terminated: an executor's termination does not wait for its threads to
 * end.
 */
final class NamedThreadFactory implements ThreadFactory {

    private final String name;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    NamedThreadFactory(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /** Joins every thread made, within {@code timeout} in all; returns false if one is still alive. */
    boolean joinAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            thread.join(leftMillis);
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
