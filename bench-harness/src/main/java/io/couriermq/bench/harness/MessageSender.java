package io.couriermq.bench.harness;

import java.util.concurrent.CompletableFuture;

/** The send half of a client library, all a {@link SendPhase} needs. */
@FunctionalInterface
public interface MessageSender {

    /**
     * Sends {@code count} messages of {@code body} to {@code topic} in one request (more than one only where the
     * client has batches); completes when the broker has acknowledged them. {@code sentAtNanos} is when the send
     * began, for senders that stamp it on the messages.
     */
    CompletableFuture<?> send(String topic, byte[] body, int count, long sentAtNanos);
}
