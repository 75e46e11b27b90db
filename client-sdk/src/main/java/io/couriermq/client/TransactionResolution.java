package io.couriermq.client;

/** What a {@link TransactionChecker} says about a transaction the broker asks about. */
public enum TransactionResolution {
    /** Deliver the message. */
    COMMIT,
    /** Discard the message. */
    ROLLBACK,
    /** Not decided yet: the broker asks again later, and rolls back after its last check. */
    UNKNOWN
}
