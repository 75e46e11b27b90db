package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.Status;
import io.couriermq.broker.core.consume.ConsumptionException;
import io.couriermq.broker.core.consume.InvalidReceiptHandleException;
import io.couriermq.broker.core.produce.SendException;
import io.couriermq.broker.core.transaction.InvalidTransactionException;
import io.couriermq.ha.ReplicationException;
import io.couriermq.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where failures become v2 statuses, so every RPC answers the same failure with the same code.
 * Anything not recognised is an internal error, logged with its stack trace; the client sees only its message.
 */
final class StatusTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(StatusTranslator.class);

    private StatusTranslator() {
    }

    static Status toStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        Code code = codeOf(cause);
        if (code == Code.INTERNAL_SERVER_ERROR) {
            LOG.error("unexpected failure serving a request", cause);
        }
        return V2Status.of(code, cause.getMessage());
    }

    private static Code codeOf(Throwable cause) {
        if (cause instanceof StoreException e) {
            return storeCode(e);
        }
        if (cause instanceof SendException e) {
            return sendCode(e.reason());
        }
        if (cause instanceof ConsumptionException e) {
            return consumptionCode(e.reason());
        }
        if (cause instanceof InvalidReceiptHandleException) {
            return Code.INVALID_RECEIPT_HANDLE;
        }
        if (cause instanceof InvalidTransactionException) {
            return Code.INVALID_TRANSACTION_ID;
        }
        if (cause instanceof V2RequestException e) {
            return e.code();
        }
        if (cause instanceof ReplicationException e) {
            return replicationCode(e.reason());
        }
        return Code.INTERNAL_SERVER_ERROR;
    }

    private static Code storeCode(StoreException e) {
        return switch (e.code()) {
            case MESSAGE_TOO_LARGE -> Code.MESSAGE_BODY_TOO_LARGE;
            case MESSAGE_BODY_EMPTY -> Code.MESSAGE_BODY_EMPTY;
            case PROPERTIES_TOO_LARGE -> Code.MESSAGE_PROPERTIES_TOO_LARGE;
            case ILLEGAL_TOPIC -> Code.ILLEGAL_TOPIC;
            case ILLEGAL_QUEUE_ID, OFFSET_NOT_FOUND -> Code.BAD_REQUEST;
            case BUSY -> Code.TOO_MANY_REQUESTS;
            case FLUSH_TIMEOUT -> Code.MASTER_PERSISTENCE_TIMEOUT;
            case READ_ONLY -> Code.FORBIDDEN;
            case DISK_FULL, IO_ERROR, CORRUPT_RECORD, CLOSED -> Code.INTERNAL_SERVER_ERROR;
        };
    }

    /** A SYNC_MASTER's send that no slave confirmed: stored on the master, but not as durably as promised. */
    private static Code replicationCode(ReplicationException.Reason reason) {
        return switch (reason) {
            case NO_SLAVE, CLOSED -> Code.HA_NOT_AVAILABLE;
            case TIMEOUT -> Code.SLAVE_PERSISTENCE_TIMEOUT;
        };
    }

    private static Code sendCode(SendException.Reason reason) {
        return switch (reason) {
            case ILLEGAL_TOPIC -> Code.ILLEGAL_TOPIC;
            case TOPIC_NOT_FOUND -> Code.TOPIC_NOT_FOUND;
            case NOT_WRITABLE -> Code.FORBIDDEN;
            case ILLEGAL_QUEUE -> Code.BAD_REQUEST;
            case MESSAGE_TYPE_MISMATCH -> Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE;
            case BODY_EMPTY -> Code.MESSAGE_BODY_EMPTY;
            case BODY_TOO_LARGE -> Code.MESSAGE_BODY_TOO_LARGE;
            case PROPERTIES_TOO_LARGE -> Code.MESSAGE_PROPERTIES_TOO_LARGE;
            case ILLEGAL_TAG -> Code.ILLEGAL_MESSAGE_TAG;
            case ILLEGAL_KEY -> Code.ILLEGAL_MESSAGE_KEY;
            case ILLEGAL_PROPERTY_KEY -> Code.ILLEGAL_MESSAGE_PROPERTY_KEY;
            case ILLEGAL_MESSAGE_ID -> Code.ILLEGAL_MESSAGE_ID;
            case ILLEGAL_MESSAGE_GROUP -> Code.ILLEGAL_MESSAGE_GROUP;
            case ILLEGAL_DELIVERY_TIME -> Code.ILLEGAL_DELIVERY_TIME;
        };
    }

    private static Code consumptionCode(ConsumptionException.Reason reason) {
        return switch (reason) {
            case TOPIC_NOT_FOUND -> Code.TOPIC_NOT_FOUND;
            case GROUP_NOT_FOUND -> Code.CONSUMER_GROUP_NOT_FOUND;
            case NOT_READABLE, CONSUME_DISABLED -> Code.FORBIDDEN;
            case ILLEGAL_ARGUMENT -> Code.BAD_REQUEST;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
