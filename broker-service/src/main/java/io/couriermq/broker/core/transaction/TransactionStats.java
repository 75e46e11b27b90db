package io.couriermq.broker.core.transaction;

/**
 * Transactions now and since the broker started.
 *
 * @param open       half messages waiting for their outcome
 * @param committed  transactions committed since start
 * @param rolledBack transactions rolled back since start, by producers or after their last check
 * @param checks     checks made since start (a producer asked, or none connected to ask)
 */
public record TransactionStats(int open, long committed, long rolledBack, long checks) {
}
