package io.couriermq.client.internal;

import apache.rocketmq.v2.MessagingServiceGrpc;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.TelemetryCommand;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Calls to {@code MessagingService} on any endpoint, each with a deadline, as futures. Unary calls complete with
 * the response; server-streaming calls (ReceiveMessage, PullMessage) with every response of the stream, since the
 * v2 protocol only makes sense of a stream as a whole (status, messages, trailer). gRPC failures complete the
 * future with a {@link io.couriermq.client.ClientException} without a status. Futures complete on the client's
 * callback threads, never on a network thread. Whatever callers chain on them may wait for the client's other
 * futures (the pool lends a spare thread meanwhile, see {@link ClientThreads}); a long wait on anything else holds
 * up other completions.
 */
public final class Rpc {

    /** One method of the async stub: {@code MessagingServiceStub::sendMessage} and the like. */
    @FunctionalInterface
    public interface Call<Q, R> {
        void invoke(MessagingServiceStub stub, Q request, StreamObserver<R> responses);
    }

    private final ChannelPool channels;
    private final Duration requestTimeout;
    private final Executor completions;

    /** @param completions where futures complete (the client's callback threads) */
    Rpc(ChannelPool channels, Duration requestTimeout, Executor completions) {
        this.channels = channels;
        this.requestTimeout = requestTimeout;
        this.completions = completions;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** A unary call with the configured request timeout. */
    public <Q, R> CompletableFuture<R> unary(Endpoint endpoint, Q request, Call<Q, R> call) {
        return stream(endpoint, request, requestTimeout, call).thenApply(responses -> responses.get(0));
    }

    /** A call whose responses are collected until the server completes the stream, within {@code timeout}. */
    public <Q, R> CompletableFuture<List<R>> stream(Endpoint endpoint, Q request, Duration timeout, Call<Q, R> call) {
        CompletableFuture<List<R>> result = new CompletableFuture<>();
        String rpc = request.getClass().getSimpleName().replace("Request", "");
        try {
            MessagingServiceStub stub = MessagingServiceGrpc.newStub(channels.channel(endpoint))
                    .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
            call.invoke(stub, request, new Collector<>(endpoint, rpc, result, completions));
        } catch (RuntimeException e) {
            result.completeExceptionally(Statuses.transportFailure(endpoint, rpc, e));
        }
        return result;
    }

    /**
     * Opens a Telemetry stream: no deadline, it lives as long as the session. Its commands are handled on the
     * callback threads, in order, since handling them may call back into the client.
     */
    StreamObserver<TelemetryCommand> telemetry(Endpoint endpoint, StreamObserver<TelemetryCommand> responses) {
        return MessagingServiceGrpc.newStub(channels.channel(endpoint)).withExecutor(completions).telemetry(responses);
    }

    /**
     * Collects a call's responses on the network thread that receives them and completes its future once, on the
     * callback threads.
     */
    private static final class Collector<R> implements StreamObserver<R> {
        private final Endpoint endpoint;
        private final String rpc;
        private final CompletableFuture<List<R>> result;
        private final Executor completions;
        private final List<R> responses = new ArrayList<>(2);

        Collector(Endpoint endpoint, String rpc, CompletableFuture<List<R>> result, Executor completions) {
            this.endpoint = endpoint;
            this.rpc = rpc;
            this.result = result;
            this.completions = completions;
        }

        @Override
        public void onNext(R response) {
            responses.add(response);
        }

        @Override
        public void onError(Throwable error) {
            fail(error);
        }

        @Override
        public void onCompleted() {
            if (responses.isEmpty()) {
                fail(io.grpc.Status.INTERNAL.withDescription("the server completed without a response")
                        .asRuntimeException());
            } else {
                completeOnCallbackThread(() -> result.complete(responses));
            }
        }

        private void fail(Throwable error) {
            completeOnCallbackThread(() -> result.completeExceptionally(
                    Statuses.transportFailure(endpoint, rpc, error)));
        }

        private void completeOnCallbackThread(Runnable completion) {
            try {
                completions.execute(completion);
            } catch (RejectedExecutionException clientClosed) {
                // The callback threads are gone only after the channels: nobody is left to block on this thread.
                completion.run();
            }
        }
    }
}
