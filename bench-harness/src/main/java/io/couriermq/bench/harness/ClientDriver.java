package io.couriermq.bench.harness;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/** What the benchmark needs of a client library: send, and consume with a listener. */
public interface ClientDriver extends MessageSender {

    /** The property every benchmark message carries: {@link System#nanoTime()} when its send began. */
    String SENT_AT = "bench-sent-nanos";

    /** Like {@link MessageSender#send}, each message carrying {@link #SENT_AT}. */
    @Override
    CompletableFuture<?> send(String topic, byte[] body, int count, long sentAtNanos);

    /**
     * Starts a push consumer of {@code group} on {@code topic} that hands each message's {@link #SENT_AT} to
     * {@code onMessage} and acknowledges it; closing stops it.
     */
    AutoCloseable consume(String topic, String group, LongConsumer onMessage) throws Exception;
}
