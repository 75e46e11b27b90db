package io.couriermq.broker.core.produce;

/** A send refused before it reached the store, with the reason as a kind the protocol layer maps to a status. */
public final class SendException extends RuntimeException {

    /** Why. */
    public enum Reason {
        ILLEGAL_TOPIC, TOPIC_NOT_FOUND, NOT_WRITABLE, ILLEGAL_QUEUE, MESSAGE_TYPE_MISMATCH, BODY_EMPTY,
        BODY_TOO_LARGE, PROPERTIES_TOO_LARGE, ILLEGAL_TAG, ILLEGAL_KEY, ILLEGAL_PROPERTY_KEY, ILLEGAL_MESSAGE_ID,
        ILLEGAL_MESSAGE_GROUP, ILLEGAL_DELIVERY_TIME
    }

    private final Reason reason;

    public SendException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
