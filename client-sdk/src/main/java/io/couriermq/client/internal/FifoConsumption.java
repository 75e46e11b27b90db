package io.couriermq.client.internal;

import io.couriermq.client.ConsumeResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Consumption of FIFO groups: the messages of a batch one after the other, and the queue receives again only when
 * the whole batch is settled, so a later message is never consumed before an earlier one, even by a broker that
 * would hand out the next batch while this one is in flight. A failed message is retried in place after the
 * group's backoff (the broker keeps it invisible while this client lives) until it runs out of attempts; then it
 * is moved to the dead-letter queue and the queue moves on. A corrupted message goes there directly.
 */
final class FifoConsumption implements BatchConsumption {

    private final ListenerInvoker invoker;
    private final Settlements settlements;
    private final CacheBudget budget;
    private final Supplier<RetryBackoff> backoff;
    private final ClientThreads threads;

    FifoConsumption(ListenerInvoker invoker, Settlements settlements, CacheBudget budget,
                    Supplier<RetryBackoff> backoff, ClientThreads threads) {
        this.invoker = invoker;
        this.settlements = settlements;
        this.budget = budget;
        this.backoff = backoff;
        this.threads = threads;
    }

    @Override
    public CompletableFuture<Void> accept(List<ReceivedMessage> batch) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ReceivedMessage message : batch) {
            chain = chain.thenCompose(previous -> consume(message))
                    .whenComplete((done, closing) -> budget.release(1));
        }
        return chain;
    }

    private CompletableFuture<Void> consume(ReceivedMessage message) {
        if (message.corrupted()) {
            return deadLetter(message);
        }
        return invoker.invoke(message).thenCompose(result -> {
            if (result == ConsumeResult.SUCCESS) {
                return settlements.untilDone("acknowledge", message, () -> settlements.ack(message));
            }
            RetryBackoff policy = backoff.get();
            if (message.deliveryAttempt() >= policy.maxAttempts()) {
                return deadLetter(message);
            }
            Duration wait = policy.delay(message.deliveryAttempt());
            message.countLocalAttempt();
            return after(wait).thenCompose(waited -> consume(message));
        });
    }

    private CompletableFuture<Void> deadLetter(ReceivedMessage message) {
        return settlements.untilDone("move to the dead-letter queue", message,
                () -> settlements.forwardToDeadLetterQueue(message, backoff.get().maxAttempts()));
    }

    private CompletableFuture<Void> after(Duration wait) {
        CompletableFuture<Void> waited = new CompletableFuture<>();
        if (!threads.schedule(wait, () -> waited.complete(null))) {
            waited.completeExceptionally(new IllegalStateException("the consumer is closing"));
        }
        return waited;
    }
}
