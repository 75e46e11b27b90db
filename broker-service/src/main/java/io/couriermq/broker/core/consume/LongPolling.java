package io.couriermq.broker.core.consume;

import io.couriermq.store.dispatch.LogListener;
import io.couriermq.store.record.LogEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parks receives and pulls that found nothing until a message for their topic arrives, a delivery expires, or
 * their poll time runs out. A parked request is a callback, never a blocked thread: waking runs it on the poll
 * executor, and it either completes or parks again.
 *
 * <p>Receives of one consumer group compete for the same messages, so an arrival of n messages wakes at most n of
 * the group's waiters, oldest first, and the rest stay parked: waking them all would have every one of them scan
 * the topic's queues for a message only one can take. Requests that read one queue of their own (pulls, and the
 * per-queue receive loops of FIFO push consumers) do not compete that way, and the event may concern any queue, so
 * every one of them parked on the topic (or the topic and group) is woken.
 *
 * <p>A request looks for messages before it parks, and an event between the look and the parking (a message
 * dispatched, a delivery released) would wake nobody. So each topic counts its wake events: a request reads the
 * count ({@link #events}) before it looks, and if the count has moved by the time it is parked, it is woken at once.
 *
 * <p>As a {@link LogListener} it sees every dispatched record; it only counts arrivals for topics that have been
 * polled, at the cost of one map lookup per record. The scheduler must remove cancelled tasks
 * ({@link java.util.concurrent.ScheduledThreadPoolExecutor#setRemoveOnCancelPolicy}), since every wake cancels
 * the waiter's timeout.
 */
public final class LongPolling implements LogListener {

    /** A parked request. {@code retry} runs on wake; {@code expire} when the poll time is up. */
    private static final class Waiter {
        final Runnable retry;
        final Runnable expire;
        final AtomicBoolean done = new AtomicBoolean();
        volatile ScheduledFuture<?> timeout;

        Waiter(Runnable retry, Runnable expire) {
            this.retry = retry;
            this.expire = expire;
        }
    }

    /** Everything parked on one topic. */
    private static final class TopicWaiters {
        /** Receives that read every queue of the topic, by consumer group. */
        final Map<String, Queue<Waiter>> byGroup = new ConcurrentHashMap<>();
        /** Receives that read one queue each, by consumer group. */
        final Map<String, Queue<Waiter>> oneQueueByGroup = new ConcurrentHashMap<>();
        final Queue<Waiter> pulls = new ConcurrentLinkedQueue<>();
        /**
         * Wake events on the topic since it was first polled: messages dispatched, deliveries released. Each is
         * counted after what it announces is visible (a dispatched message's consume-queue entry, say), so a request
         * that reads the count and then looks finds what the events counted so far announced.
         */
        final AtomicLong events = new AtomicLong();
        /** Arrivals in the round being dispatched; only touched by the dispatcher thread. */
        int arrivedInRound;
    }

    private final Map<String, TopicWaiters> waitersByTopic = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Executor pollExecutor;
    private final ScheduledExecutorService scheduler;
    /** Topics with arrivals in the round being dispatched; only touched by the dispatcher thread. */
    private final List<TopicWaiters> arrivedInRound = new ArrayList<>();

    public LongPolling(Executor pollExecutor, ScheduledExecutorService scheduler) {
        this.pollExecutor = pollExecutor;
        this.scheduler = scheduler;
    }

    /** How many wake events {@code topic} has seen; read it before looking for messages, to park after. */
    long events(String topic) {
        return topics(topic).events.get();
    }

    /**
     * Parks a receive of {@code group} until woken for {@code topic} or {@code timeoutMillis} pass.
     *
     * @param oneQueue whether the receive reads only the one queue it names
     * @param eventsSeen what {@link #events} returned before the receive looked for messages
     */
    void parkReceive(String topic, String group, boolean oneQueue, long eventsSeen, long timeoutMillis,
                     Runnable retry, Runnable expire) {
        TopicWaiters waiters = topics(topic);
        Map<String, Queue<Waiter>> receives = oneQueue ? waiters.oneQueueByGroup : waiters.byGroup;
        park(waiters, receives.computeIfAbsent(group, g -> new ConcurrentLinkedQueue<>()), eventsSeen,
                timeoutMillis, retry, expire);
    }

    /** Parks a pull until woken for {@code topic} or {@code timeoutMillis} pass. */
    void parkPull(String topic, long eventsSeen, long timeoutMillis, Runnable retry, Runnable expire) {
        TopicWaiters waiters = topics(topic);
        park(waiters, waiters.pulls, eventsSeen, timeoutMillis, retry, expire);
    }

    private TopicWaiters topics(String topic) {
        return waitersByTopic.computeIfAbsent(topic, t -> new TopicWaiters());
    }

    /** Exactly one of the callbacks runs, once. */
    private void park(TopicWaiters topic, Queue<Waiter> queue, long eventsSeen, long timeoutMillis, Runnable retry,
                      Runnable expire) {
        Waiter waiter = new Waiter(retry, expire);
        waiting.incrementAndGet();
        // Scheduled before the waiter becomes wakeable, so a wake always finds the timeout to cancel.
        waiter.timeout = scheduler.schedule(() -> {
            if (waiter.done.compareAndSet(false, true)) {
                queue.remove(waiter);
                waiting.decrementAndGet();
                pollExecutor.execute(waiter.expire);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        queue.add(waiter);
        // An event is counted before the parked are woken, and this reads the count after parking, so either the
        // event's wake found this waiter or this finds the new count.
        if (topic.events.get() != eventsSeen) {
            queue.remove(waiter);
            wake(waiter);
        }
    }

    /** Counts {@code count} arrivals, then wakes up to that many receives of each group, and every pull. */
    private void arrived(TopicWaiters waiters, int count) {
        waiters.events.addAndGet(count);
        waiters.byGroup.values().forEach(group -> wake(group, count));
        waiters.oneQueueByGroup.values().forEach(group -> wake(group, Integer.MAX_VALUE));
        wake(waiters.pulls, Integer.MAX_VALUE);
    }

    /**
     * Deliveries of {@code group} became redeliverable, or a FIFO group's next message may go: wakes one of its
     * receives parked on {@code topic}, and those that read one queue each.
     */
    void wakeReceive(String topic, String group) {
        TopicWaiters waiters = waitersByTopic.get(topic);
        if (waiters == null) {
            return;
        }
        waiters.events.incrementAndGet();
        Queue<Waiter> anyQueue = waiters.byGroup.get(group);
        if (anyQueue != null) {
            wake(anyQueue, 1);
        }
        Queue<Waiter> oneQueue = waiters.oneQueueByGroup.get(group);
        if (oneQueue != null) {
            wake(oneQueue, Integer.MAX_VALUE);
        }
    }

    private void wake(Queue<Waiter> queue, int count) {
        int woken = 0;
        Waiter waiter;
        while (woken < count && (waiter = queue.poll()) != null) {
            if (wake(waiter)) {
                woken++;
            }
        }
    }

    /** Runs the waiter's retry, unless it has already been woken or has expired; returns whether it ran. */
    private boolean wake(Waiter waiter) {
        if (!waiter.done.compareAndSet(false, true)) {
            return false;
        }
        waiter.timeout.cancel(false);
        waiting.decrementAndGet();
        pollExecutor.execute(waiter.retry);
        return true;
    }

    int waiting() {
        return waiting.get();
    }

    @Override
    public void onEntry(LogEntry entry) {
        TopicWaiters waiters = waitersByTopic.get(entry.topic());
        if (waiters != null && waiters.arrivedInRound++ == 0) {
            arrivedInRound.add(waiters);
        }
    }

    @Override
    public void onDispatched(long dispatchedTo) {
        for (TopicWaiters waiters : arrivedInRound) {
            arrived(waiters, waiters.arrivedInRound);
            waiters.arrivedInRound = 0;
        }
        arrivedInRound.clear();
    }
}
