package io.couriermq.bench.store;

import java.time.Duration;

/** Bounds of one append phase: it stops at {@code maxMessages} or after {@code maxDuration}, whichever is first. */
record PhaseLimits(long maxMessages, Duration maxDuration) {

    PhaseLimits {
        if (maxMessages <= 0) {
            throw new IllegalArgumentException("maxMessages must be positive, was " + maxMessages);
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
        }
    }

    /** These limits with at most {@code cap} messages. */
    PhaseLimits capMessages(long cap) {
        return new PhaseLimits(Math.max(1, Math.min(maxMessages, cap)), maxDuration);
    }
}
