package io.couriermq.broker.core.consume;

import io.couriermq.store.GetResult;
import io.couriermq.store.GetStatus;
import io.couriermq.store.MessageStore;
import io.couriermq.store.TagFilter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads for pull consumers, who track their own offsets: messages of one queue from an offset, waiting up to a
 * poll time when there are none yet. No invisibility, no receipt handles: the consumer commits offsets itself.
 */
public final class PullService {

    private final MessageStore store;
    private final LongPolling longPolling;

    public PullService(MessageStore store, LongPolling longPolling) {
        this.store = store;
        this.longPolling = longPolling;
    }

    /** Completes with a FOUND result as soon as there are messages, else once {@code longPoll} has passed. */
    public CompletableFuture<GetResult> pull(String topic, int queueId, long offset, int maxMessages, TagFilter filter,
                                             Duration longPoll) {
        CompletableFuture<GetResult> result = new CompletableFuture<>();
        attempt(topic, queueId, offset, maxMessages, filter, System.nanoTime() + longPoll.toNanos(), false, result);
        return result;
    }

    private void attempt(String topic, int queueId, long offset, int maxMessages, TagFilter filter, long deadlineNanos,
                         boolean lastAttempt, CompletableFuture<GetResult> result) {
        try {
            long eventsSeen = longPolling.events(topic);
            GetResult read = store.getMessages(topic, queueId, offset, maxMessages, filter);
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            boolean nothingYet = read.status() == GetStatus.NO_NEW_MESSAGE || read.status() == GetStatus.NO_SUCH_QUEUE
                    || (read.status() == GetStatus.NO_MATCHED_MESSAGE && read.nextOffset() >= read.maxOffset());
            if (!nothingYet || lastAttempt || remainingMillis <= 0) {
                result.complete(read);
                return;
            }
            long next = read.status() == GetStatus.NO_SUCH_QUEUE ? offset : read.nextOffset();
            longPolling.parkPull(topic, eventsSeen, remainingMillis,
                    () -> attempt(topic, queueId, next, maxMessages, filter, deadlineNanos, false, result),
                    () -> attempt(topic, queueId, next, maxMessages, filter, deadlineNanos, true, result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
