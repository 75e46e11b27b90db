package io.couriermq.ha;

/** Why {@link ReplicationMaster#awaitReplicated} could not confirm an offset; the broker maps the reason. */
public final class ReplicationException extends RuntimeException {

    /** One cause per reason, so callers switch on it and never parse messages. */
    public enum Reason {
        /** Fewer slaves than {@code minInSyncSlaves} are connected and within {@code maxInSyncLag}. */
        NO_SLAVE,
        /** Enough slaves are in sync, but not enough acknowledged the offset within {@code syncTimeout}. */
        TIMEOUT,
        /** The master is closed. */
        CLOSED
    }

    private final Reason reason;

    public ReplicationException(Reason reason, String message) {
        // An expected outcome, raised on the send path under load: a stack trace would cost and say nothing.
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
