package io.couriermq.broker.core.transaction;

import java.util.List;

/**
 * The open transactions as of a position in the half and op topics, kept in
 * {@code <storeRoot>/config/transactions.json}. A restart loads it and reads both topics on from there, so the
 * snapshot only bounds how much is read again; the logs are the truth. Check counts after the snapshot are lost in a
 * crash, which can only add checks, never skip an outcome.
 */
record TransactionSnapshot(long halfNext, long opNext, List<PendingTransaction> pending) {

    static final TransactionSnapshot EMPTY = new TransactionSnapshot(0, 0, List.of());
}
