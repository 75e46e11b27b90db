package io.couriermq.client;

/**
 * A transactional send: {@link #send} stores a message the broker keeps from consumers until {@link #commit}
 * delivers it or {@link #rollback} discards it. Commit after the local work the message announces has committed.
 * If the producer never ends the transaction, the broker asks its {@link TransactionChecker}.
 *
 * <p>One message per transaction, as in RocketMQ 5. Not thread-safe.
 */
public interface Transaction {

    /**
     * Sends the transaction's message (not a FIFO or delay message). One attempt only: a failed send leaves no
     * transaction to end.
     *
     * @throws IllegalStateException if the transaction already has a message, or has ended
     */
    SendReceipt send(Message message);

    /** Delivers the message, once. */
    void commit();

    /** Discards the message. */
    void rollback();
}
