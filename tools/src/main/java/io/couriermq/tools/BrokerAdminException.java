package io.couriermq.tools;

/** A broker's REST admin answered with an error status; 404 means the topic, group or message is not there. */
final class BrokerAdminException extends AdminException {

    private static final int NOT_FOUND = 404;

    private final int httpStatus;

    BrokerAdminException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    boolean isNotFound() {
        return httpStatus == NOT_FOUND;
    }
}
