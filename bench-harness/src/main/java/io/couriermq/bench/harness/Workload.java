package io.couriermq.bench.harness;

import java.time.Duration;

/**
 * The benchmark's shape.
 *
 * @param messages  messages sent, and consumed, in each measured phase
 * @param warmup    messages sent and consumed before measuring, so that both JVMs have compiled their hot paths
 * @param bodyBytes body size of every message
 * @param inFlight  send requests outstanding at once
 * @param batch     messages per send request
 * @param timeLimit the longest any phase may run
 */
public record Workload(int messages, int warmup, int bodyBytes, int inFlight, int batch, Duration timeLimit) {

    public Workload {
        if (messages <= 0 || warmup < 0 || bodyBytes < 0 || inFlight <= 0 || batch <= 0) {
            throw new IllegalArgumentException("messages, in-flight and batch must be positive; warm-up and body "
                    + "size not negative: " + this);
        }
    }
}
