package io.couriermq.client.internal;

import io.couriermq.client.ConsumeResult;
import io.couriermq.client.MessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the user's listener on the consumption pool. A listener that throws (or returns null) failed to consume
 * the message. Once the pool is shut down the future fails with {@link RejectedExecutionException}: the consumer
 * is closing and the message is left to come back later.
 */
final class ListenerInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerInvoker.class);

    private final MessageListener listener;
    private final ExecutorService pool;

    ListenerInvoker(MessageListener listener, ExecutorService pool) {
        this.listener = listener;
        this.pool = pool;
    }

    CompletableFuture<ConsumeResult> invoke(ReceivedMessage message) {
        try {
            return CompletableFuture.supplyAsync(() -> consume(message), pool);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.failedFuture(closing);
        }
    }

    private ConsumeResult consume(ReceivedMessage message) {
        try {
            ConsumeResult result = listener.consume(message);
            return result == null ? ConsumeResult.FAILURE : result;
        } catch (RuntimeException | Error e) {
            LOG.warn("the message listener failed on {}", message, e);
            return ConsumeResult.FAILURE;
        }
    }
}
