package io.couriermq.store;

/** A failure with a {@link StoreErrorCode} that a service can translate into a protocol status. */
public final class StoreException extends RuntimeException {

    private final StoreErrorCode code;

    public StoreException(StoreErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public StoreException(StoreErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public StoreErrorCode code() {
        return code;
    }
}
