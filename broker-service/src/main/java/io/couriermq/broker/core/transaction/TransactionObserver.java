package io.couriermq.broker.core.transaction;

/** Told of every transaction that ends, for metrics. Called on whichever thread ended it. */
@FunctionalInterface
public interface TransactionObserver {

    /**
     * @param openMillis how long the half message waited for its outcome
     */
    void onEnded(String topic, TransactionOutcome outcome, long openMillis);
}
