package io.couriermq.broker.core.consume;

import io.couriermq.store.dispatch.LogListener;
import io.couriermq.store.record.LogEntry;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parks receives that found nothing until a message for their topic arrives, a delivery of that topic expires,
 * or their poll time runs out. A parked receive is a callback, never a blocked thread: waking runs it on the
 * poll executor, and it either completes or parks again.
 *
 * <p>As a {@link LogListener} it sees every dispatched record; it only notes topics that have waiters, so an
 * idle broker pays one volatile read per record.
 */
public final class LongPolling implements LogListener {

    /** A parked receive. {@code retry} runs on wake; {@code expire} when the poll time is up. */
    private static final class Waiter {
        final Runnable retry;
        final Runnable expire;
        final AtomicBoolean done = new AtomicBoolean();

        Waiter(Runnable retry, Runnable expire) {
            this.retry = retry;
            this.expire = expire;
        }
    }

    private final Map<String, Queue<Waiter>> waitersByTopic = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Executor pollExecutor;
    private final ScheduledExecutorService scheduler;
    private final Set<String> arrivedInBatch = new HashSet<>();

    public LongPolling(Executor pollExecutor, ScheduledExecutorService scheduler) {
        this.pollExecutor = pollExecutor;
        this.scheduler = scheduler;
    }

    /** Parks until woken for {@code topic} or {@code timeoutMillis} pass; exactly one of the callbacks runs. */
    void park(String topic, long timeoutMillis, Runnable retry, Runnable expire) {
        Waiter waiter = new Waiter(retry, expire);
        Queue<Waiter> waiters = waitersByTopic.computeIfAbsent(topic, t -> new ConcurrentLinkedQueue<>());
        waiters.add(waiter);
        waiting.incrementAndGet();
        scheduler.schedule(() -> {
            if (waiter.done.compareAndSet(false, true)) {
                waiters.remove(waiter);
                waiting.decrementAndGet();
                pollExecutor.execute(waiter.expire);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Wakes every receive parked on the topic. */
    void wake(String topic) {
        Queue<Waiter> waiters = waitersByTopic.get(topic);
        if (waiters == null) {
            return;
        }
        Waiter waiter;
        while ((waiter = waiters.poll()) != null) {
            if (waiter.done.compareAndSet(false, true)) {
                waiting.decrementAndGet();
                pollExecutor.execute(waiter.retry);
            }
        }
    }

    void wakeAll(List<String> topics) {
        topics.forEach(this::wake);
    }

    int waiting() {
        return waiting.get();
    }

    @Override
    public void onEntry(LogEntry entry) {
        if (waiting.get() > 0) {
            arrivedInBatch.add(entry.topic());
        }
    }

    @Override
    public void onDispatched(long dispatchedTo) {
        if (!arrivedInBatch.isEmpty()) {
            arrivedInBatch.forEach(this::wake);
            arrivedInBatch.clear();
        }
    }
}
