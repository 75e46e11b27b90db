package io.couriermq.broker.core.consume;

/** A receipt handle that is malformed, belongs to another queue, or names a delivery that is no longer current. */
public final class InvalidReceiptHandleException extends RuntimeException {

    public InvalidReceiptHandleException(String message) {
        super(message);
    }
}
