package io.couriermq.broker.core.consume;

/** A consumption request that cannot be served, with the reason as a kind the protocol layer maps to a status. */
public final class ConsumptionException extends RuntimeException {

    /** Why. */
    public enum Reason { TOPIC_NOT_FOUND, GROUP_NOT_FOUND, NOT_READABLE, CONSUME_DISABLED, ILLEGAL_ARGUMENT }

    private final Reason reason;

    public ConsumptionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
