package io.couriermq.broker.core.transaction;

/**
 * An end-of-transaction request that names no open transaction of this broker: an id it never issued, a message
 * or topic other than the transaction's, or a transaction already ended the other way.
 */
public final class InvalidTransactionException extends RuntimeException {

    public InvalidTransactionException(String message) {
        super(message);
    }
}
