package io.couriermq.broker.core.timer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the timer behaves.
 *
 * @param maxDelay           the furthest ahead a delivery time may be (RocketMQ's timerMaxDelaySec)
 * @param rollInterval       a timer message waits in the commit log at most this long before it is appended
 *                           anew, so that retention never deletes one that is still pending; must stay well below
 *                           the commit log's retention time
 * @param bucketWidth        time span of one schedule file; a bucket is read into memory when it comes due, so
 *                           this bounds the in-memory window
 * @param checkpointInterval how often progress is made durable: a crash repeats at most this much delivery
 * @param maxInFlight        releases appended concurrently at most (a power of two)
 * @param maxWindowEntries   entries held in memory beyond which no further bucket is read in (after downtime,
 *                           when many buckets are due at once)
 */
public record TimerConfig(Duration maxDelay, Duration rollInterval, Duration bucketWidth,
                          Duration checkpointInterval, int maxInFlight, int maxWindowEntries) {

    public TimerConfig {
        requirePositive("maxDelay", maxDelay);
        requirePositive("rollInterval", rollInterval);
        requirePositive("bucketWidth", bucketWidth);
        requirePositive("checkpointInterval", checkpointInterval);
        if (Integer.bitCount(maxInFlight) != 1) {
            throw new IllegalArgumentException("maxInFlight must be a power of two, was " + maxInFlight);
        }
        if (maxWindowEntries < 1) {
            throw new IllegalArgumentException("maxWindowEntries must be positive, was " + maxWindowEntries);
        }
    }

    /** The broker's timer: ten-second buckets, progress made durable twice a second. */
    public static TimerConfig of(Duration maxDelay, Duration rollInterval) {
        return new TimerConfig(maxDelay, rollInterval, Duration.ofSeconds(10), Duration.ofMillis(500), 4096,
                1_000_000);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
