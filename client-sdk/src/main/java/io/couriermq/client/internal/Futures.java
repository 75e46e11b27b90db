package io.couriermq.client.internal;

import io.couriermq.client.ClientException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for futures on behalf of the blocking API. */
public final class Futures {

    private Futures() {
    }

    /**
     * The future's value. A failure is rethrown as a {@link ClientException} with the same code, created here so
     * that its stack trace shows the caller; the original failure is its cause.
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw inCaller(e);
        }
    }

    /** The failure behind a future as a new {@link ClientException} with the caller's stack, the original its cause. */
    static ClientException inCaller(Throwable failure) {
        ClientException original = Statuses.unwrap(failure);
        return new ClientException(original.code(), original.serverMessage(), original);
    }
}
