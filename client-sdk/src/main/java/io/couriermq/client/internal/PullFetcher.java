package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import io.couriermq.client.ClientException;
import io.couriermq.client.MessageQueueRef;
import io.couriermq.client.MessageView;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The positions and background reads behind {@link io.couriermq.client.PullConsumer#poll}. Each assigned queue
 * has at most one PullMessage in flight; what it brings is buffered until a poll hands it out, and the position
 * moves past it then. A pull may outlive the poll that started it: its result waits for the next poll. Seeking or
 * unassigning a queue starts a new generation of it, and a pull of an older generation is ignored when it returns.
 *
 * <p>Thread-safe: state is guarded by one lock; pulls complete on callback threads and signal waiting polls.
 */
final class PullFetcher {

    private static final int BATCH = 32;
    /** The broker holds a pull at most this long. */
    private static final Duration MAX_LONG_POLL = Duration.ofSeconds(20);

    /** One assigned queue; guarded by the fetcher's lock. */
    private static final class QueueState {
        /** Next offset to hand out; -1 until known (the group's committed offset, asked for on first read). */
        long position = -1;
        /** Next offset to pull from; ahead of position while messages are buffered. */
        long fetchOffset = -1;
        int generation;
        boolean fetching;
        final ArrayDeque<ReceivedMessage> buffered = new ArrayDeque<>();
    }

    /** A pull's answer and the offset it started from. */
    private record Pulled(long offset, PullRequests.Outcome outcome) {
    }

    private final PullRequests requests;
    private final Function<MessageQueueRef, CompletableFuture<QueueRoute>> resolve;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<MessageQueueRef, QueueState> states = new LinkedHashMap<>();
    private ClientException failure;

    PullFetcher(PullRequests requests, Function<MessageQueueRef, CompletableFuture<QueueRoute>> resolve) {
        this.requests = requests;
        this.resolve = resolve;
    }

    void assign(Collection<MessageQueueRef> queues) {
        lock.lock();
        try {
            states.keySet().retainAll(Set.copyOf(queues));
            queues.forEach(queue -> states.computeIfAbsent(queue, key -> new QueueState()));
        } finally {
            lock.unlock();
        }
    }

    Set<MessageQueueRef> assignment() {
        lock.lock();
        try {
            return Set.copyOf(states.keySet());
        } finally {
            lock.unlock();
        }
    }

    List<MessageView> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                rethrowFailure();
                List<MessageView> ready = drain();
                if (!ready.isEmpty()) {
                    return ready;
                }
                long remaining = deadline - System.nanoTime();
                Duration longPoll = Duration.ofNanos(Math.max(0, Math.min(remaining, MAX_LONG_POLL.toNanos())));
                states.forEach((queue, state) -> {
                    if (!state.fetching) {
                        fetch(queue, state, longPoll);
                    }
                });
                if (remaining <= 0) {
                    return List.of();
                }
                arrived.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.NO_STATUS, "interrupted while polling", e);
        } finally {
            lock.unlock();
        }
    }

    private void rethrowFailure() {
        if (failure != null) {
            ClientException thrown = failure;
            failure = null;
            throw Futures.inCaller(thrown);
        }
    }

    private List<MessageView> drain() {
        List<MessageView> out = new ArrayList<>();
        for (QueueState state : states.values()) {
            if (!state.buffered.isEmpty()) {
                out.addAll(state.buffered);
                state.buffered.clear();
                state.position = state.fetchOffset;
            }
        }
        return out;
    }

    /** Starts a pull of the queue from its fetch offset (the committed offset when none is known yet). */
    private void fetch(MessageQueueRef queue, QueueState state, Duration longPoll) {
        state.fetching = true;
        int generation = state.generation;
        long knownOffset = state.fetchOffset;
        resolve.apply(queue).thenCompose(route -> {
            CompletableFuture<Long> start = knownOffset >= 0 ? CompletableFuture.completedFuture(knownOffset)
                    : requests.committed(route);
            return start.thenCompose(offset -> requests.pull(route, offset, BATCH, longPoll)
                    .thenApply(outcome -> new Pulled(offset, outcome)));
        }).whenComplete((pulled, error) -> {
            lock.lock();
            try {
                if (states.get(queue) != state || state.generation != generation) {
                    return;
                }
                state.fetching = false;
                if (error != null) {
                    failure = Statuses.unwrap(error);
                } else {
                    onPulled(state, pulled.offset(), pulled.outcome());
                }
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    private void onPulled(QueueState state, long offset, PullRequests.Outcome outcome) {
        Code code = outcome.status().getCode();
        if (code == Code.ILLEGAL_OFFSET && outcome.nextOffset() >= 0) {
            state.fetchOffset = outcome.nextOffset();
            state.position = outcome.nextOffset();
            return;
        }
        if (code != Code.OK && code != Code.MESSAGE_NOT_FOUND) {
            failure = Statuses.toException(outcome.status());
            return;
        }
        if (state.position < 0) {
            state.position = offset;
        }
        state.buffered.addAll(outcome.messages());
        long fallback = outcome.messages().isEmpty() ? offset
                : outcome.messages().get(outcome.messages().size() - 1).queueOffset() + 1;
        state.fetchOffset = outcome.nextOffset() >= 0 ? outcome.nextOffset() : fallback;
        if (state.buffered.isEmpty()) {
            state.position = state.fetchOffset;
        }
    }

    /** The position of an assigned queue; -1 while it is not known yet. */
    long knownPosition(MessageQueueRef queue) {
        lock.lock();
        try {
            return require(queue).position;
        } finally {
            lock.unlock();
        }
    }

    /** Moves an assigned queue to {@code offset}, dropping what was read ahead. */
    void seek(MessageQueueRef queue, long offset) {
        if (offset < 0) {
            throw new ClientException(Code.ILLEGAL_OFFSET_VALUE, "offset must not be negative, was " + offset);
        }
        lock.lock();
        try {
            QueueState state = require(queue);
            state.generation++;
            state.fetching = false;
            state.buffered.clear();
            state.position = offset;
            state.fetchOffset = offset;
        } finally {
            lock.unlock();
        }
    }

    private QueueState require(MessageQueueRef queue) {
        QueueState state = states.get(queue);
        if (state == null) {
            throw new IllegalStateException(queue + " is not assigned");
        }
        return state;
    }
}
