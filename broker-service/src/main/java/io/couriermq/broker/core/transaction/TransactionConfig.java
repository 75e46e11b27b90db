package io.couriermq.broker.core.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * When the broker asks producers about transactions they left open, under RocketMQ's names.
 *
 * @param timeout       a half message left undecided this long is checked (transactionTimeOut); also the time
 *                      producers get to reconnect after a broker start before pending transactions are checked
 * @param checkInterval time between checks of the same transaction (transactionCheckInterval)
 * @param checkMax      checks of a transaction before it is rolled back (transactionCheckMax); a check counts
 *                      whether or not a producer of the topic was connected to be asked
 */
public record TransactionConfig(Duration timeout, Duration checkInterval, int checkMax) {

    public TransactionConfig {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(checkInterval, "checkInterval");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("transactionTimeOut must be positive, was " + timeout);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("transactionCheckInterval must be positive, was " + checkInterval);
        }
        if (checkMax < 1) {
            throw new IllegalArgumentException("transactionCheckMax must be at least 1, was " + checkMax);
        }
    }
}
