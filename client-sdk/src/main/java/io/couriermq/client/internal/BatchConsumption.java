package io.couriermq.client.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a push consumer consumes what one receive brought: all at once ({@link ConcurrentConsumption}) or one after
 * the other ({@link FifoConsumption}). Each message's cache slot is freed once it is settled.
 */
interface BatchConsumption {

    /** Takes a batch; the future completes when the queue may receive again. */
    CompletableFuture<Void> accept(List<ReceivedMessage> batch);
}
