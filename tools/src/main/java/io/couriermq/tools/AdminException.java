package io.couriermq.tools;

/**
 * An expected failure of an admin command (unknown topic, broker unreachable, request refused). Its message is
 * the whole story for the user: mqadmin prints it as one line on stderr and exits with 1, without a stack trace.
 */
class AdminException extends RuntimeException {

    AdminException(String message) {
        super(message);
    }
}
