package io.couriermq.client.internal;

import io.couriermq.client.ConsumeResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Consumption of ordinary groups: every message goes to the pool at once, and the queue receives again without
 * waiting. A consumed message is acknowledged; a failed one is made invisible for the group's backoff of its
 * attempt, after which the broker redelivers it (moving it to the dead-letter queue once out of attempts). A
 * corrupted message is never shown to the listener, only nacked.
 */
final class ConcurrentConsumption implements BatchConsumption {

    private final ListenerInvoker invoker;
    private final Settlements settlements;
    private final CacheBudget budget;
    private final Supplier<RetryBackoff> backoff;

    ConcurrentConsumption(ListenerInvoker invoker, Settlements settlements, CacheBudget budget,
                          Supplier<RetryBackoff> backoff) {
        this.invoker = invoker;
        this.settlements = settlements;
        this.budget = budget;
        this.backoff = backoff;
    }

    @Override
    public CompletableFuture<Void> accept(List<ReceivedMessage> batch) {
        for (ReceivedMessage message : batch) {
            CompletableFuture<ConsumeResult> consumed = message.corrupted()
                    ? CompletableFuture.completedFuture(ConsumeResult.FAILURE) : invoker.invoke(message);
            consumed.thenCompose(result -> settle(message, result))
                    .whenComplete((done, closing) -> budget.release(1));
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> settle(ReceivedMessage message, ConsumeResult result) {
        if (result == ConsumeResult.SUCCESS) {
            return settlements.untilDone("acknowledge", message, () -> settlements.ack(message));
        }
        return settlements.untilDone("nack", message, () -> settlements.changeInvisibleDuration(message,
                backoff.get().delay(message.deliveryAttempt())));
    }
}
