package io.couriermq.broker.core.produce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Remembers the most recent sends by message id, so that a producer retrying a send whose answer it missed gets
 * the first attempt's result instead of storing the message twice. Producers retry at once on any failure
 * (gRPC deadline included), so the window that matters is seconds; a bounded number of ids covers it.
 */
final class RecentSends {

    private final Map<String, CompletableFuture<SendResult>> byMessageId;

    RecentSends(int capacity) {
        this.byMessageId = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<SendResult>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The result of the send with this id: the earlier one's if it is remembered and did not fail, otherwise a new
     * send started with {@code send}.
     */
    CompletableFuture<SendResult> sendOnce(String messageId, Supplier<CompletableFuture<SendResult>> send) {
        CompletableFuture<SendResult> placeholder = new CompletableFuture<>();
        CompletableFuture<SendResult> earlier;
        synchronized (byMessageId) {
            earlier = byMessageId.get(messageId);
            if (earlier != null && !earlier.isCompletedExceptionally()) {
                return earlier;
            }
            byMessageId.put(messageId, placeholder);
        }
        CompletableFuture<SendResult> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                synchronized (byMessageId) {
                    byMessageId.remove(messageId, placeholder);
                }
                placeholder.completeExceptionally(failure);
            } else {
                placeholder.complete(result);
            }
        });
        return placeholder;
    }
}
