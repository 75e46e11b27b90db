package io.couriermq.client.internal;

import apache.rocketmq.v2.ExponentialBackoff;
import apache.rocketmq.v2.RetryPolicy;
import com.google.protobuf.util.Durations;

import java.time.Duration;
import java.util.List;

/**
 * A server's retry policy: how many attempts, and how long to wait after a failed attempt. Either exponential
 * ({@code initial × multiplier^(attempt-1)}, at most {@code max}) or a customized list whose last entry repeats.
 * Producers wait this long before retrying a send the broker refused as too many requests; push consumers make a
 * failed message invisible this long (and FIFO ones wait this long before a local retry).
 */
public final class RetryBackoff {

    private final int maxAttempts;
    private final List<Duration> steps;
    private final Duration initial;
    private final Duration max;
    private final double multiplier;

    private RetryBackoff(int maxAttempts, List<Duration> steps, Duration initial, Duration max, double multiplier) {
        this.maxAttempts = maxAttempts;
        this.steps = steps;
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
    }

    /** Reads the policy; it must name a strategy. */
    public static RetryBackoff from(RetryPolicy policy) {
        return switch (policy.getStrategyCase()) {
            case EXPONENTIAL_BACKOFF -> {
                ExponentialBackoff exponential = policy.getExponentialBackoff();
                yield exponential(policy.getMaxAttempts(), duration(exponential.getInitial()),
                        duration(exponential.getMax()), exponential.getMultiplier());
            }
            case CUSTOMIZED_BACKOFF -> {
                if (policy.getCustomizedBackoff().getNextCount() == 0) {
                    throw new IllegalArgumentException("the server's customized backoff lists no delays");
                }
                yield new RetryBackoff(policy.getMaxAttempts(), policy.getCustomizedBackoff().getNextList().stream()
                        .map(RetryBackoff::duration).toList(), Duration.ZERO, Duration.ZERO, 1);
            }
            case STRATEGY_NOT_SET -> throw new IllegalArgumentException("the server's retry policy names no backoff");
        };
    }

    static RetryBackoff exponential(int maxAttempts, Duration initial, Duration max, double multiplier) {
        return new RetryBackoff(maxAttempts, List.of(), initial, max, multiplier);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration delay(int attempt) {
        int index = Math.max(1, attempt) - 1;
        if (!steps.isEmpty()) {
            return steps.get(Math.min(index, steps.size() - 1));
        }
        double nanos = initial.toNanos() * Math.pow(Math.max(1, multiplier), index);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    private static Duration duration(com.google.protobuf.Duration duration) {
        return Duration.ofNanos(Durations.toNanos(duration));
    }
}
