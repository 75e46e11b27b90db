package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.Status;
import io.couriermq.client.ClientException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the server answered into success or a {@link ClientException}: the v2 status inside a response (OK
 * and MULTIPLE_RESULTS are success, everything else fails with its code), and gRPC-level failures, which carry no
 * v2 status.
 */
public final class Statuses {

    private Statuses() {
    }

    public static boolean isOk(Status status) {
        return status.getCode() == Code.OK || status.getCode() == Code.MULTIPLE_RESULTS;
    }

    /** Throws the status as a {@link ClientException} unless it is a success. */
    public static void check(Status status) {
        if (!isOk(status)) {
            throw toException(status);
        }
    }

    public static ClientException toException(Status status) {
        return new ClientException(status.getCodeValue(), status.getMessage());
    }

    /** A failure of the call itself (connection, deadline, cancellation), named with where it went. */
    static ClientException transportFailure(Endpoint endpoint, String rpc, Throwable failure) {
        io.grpc.Status grpc = io.grpc.Status.fromThrowable(failure);
        return new ClientException(ClientException.NO_STATUS, rpc + " to " + endpoint + " failed: gRPC "
                + grpc.getCode() + (grpc.getDescription() == null ? "" : " " + grpc.getDescription()), failure);
    }

    /** The {@link ClientException} behind a failed future, or one wrapping an unexpected failure. */
    public static ClientException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ClientException clientException) {
            return clientException;
        }
        return new ClientException(ClientException.NO_STATUS, String.valueOf(cause), cause);
    }

    /** Whether a failure was a gRPC deadline rather than a server answer. */
    static boolean isDeadlineExceeded(Throwable failure) {
        ClientException e = unwrap(failure);
        return e.code() == ClientException.NO_STATUS && e.getCause() != null
                && io.grpc.Status.fromThrowable(e.getCause()).getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED;
    }
}
