package io.couriermq.client.internal;

import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.TelemetryCommand;
import io.couriermq.client.ClientException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Telemetry stream to one broker. It opens by announcing the client's settings; the broker answers with its
 * own, and only after that does it accept the client's heartbeats. {@link #ready()} completes with the first
 * answer. When the stream ends or fails, a new one is opened a second later and announces the settings again,
 * until the session is closed.
 *
 * <p>Thread-safe: writes to the stream are serialised on this object, as gRPC requires.
 */
final class TelemetrySession {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySession.class);
    private static final Duration REOPEN_DELAY = Duration.ofSeconds(1);

    private final Endpoint endpoint;
    private final Rpc rpc;
    private final ClientThreads threads;
    private final Supplier<Settings> settings;
    private final Consumer<Settings> onServerSettings;
    private final BiConsumer<Endpoint, TelemetryCommand> onServerCommand;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private StreamObserver<TelemetryCommand> requests;
    private Responses current;
    private boolean closed;
    private volatile String lastProblem = "no answer yet";

    TelemetrySession(Endpoint endpoint, Rpc rpc, ClientThreads threads, Supplier<Settings> settings,
                     Consumer<Settings> onServerSettings, BiConsumer<Endpoint, TelemetryCommand> onServerCommand) {
        this.endpoint = endpoint;
        this.rpc = rpc;
        this.threads = threads;
        this.settings = settings;
        this.onServerSettings = onServerSettings;
        this.onServerCommand = onServerCommand;
    }

    /** Completes once the broker has answered the settings; fails if it refused them. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Why the session is not ready, for error messages. */
    String lastProblem() {
        return lastProblem;
    }

    synchronized void open() {
        if (closed) {
            return;
        }
        current = new Responses();
        try {
            requests = rpc.telemetry(endpoint, current);
            announce();
        } catch (RuntimeException e) {
            onStreamEnd(current, e);
        }
    }

    /** Sends the current settings again, e.g. after they changed or a broker forgot them. */
    synchronized void announce() {
        if (requests == null || closed) {
            return;
        }
        try {
            requests.onNext(TelemetryCommand.newBuilder().setSettings(settings.get()).build());
        } catch (RuntimeException e) {
            LOG.debug("announcing settings to {} failed; the stream will be re-opened", endpoint, e);
        }
    }

    synchronized void close() {
        closed = true;
        if (requests != null) {
            try {
                requests.onCompleted();
            } catch (RuntimeException alreadyBroken) {
                LOG.debug("telemetry stream to {} was already broken", endpoint, alreadyBroken);
            }
            requests = null;
        }
    }

    private synchronized void onStreamEnd(Responses ended, Throwable failure) {
        if (ended != current || closed) {
            return;
        }
        requests = null;
        lastProblem = failure == null ? "the broker ended the telemetry stream"
                : Statuses.transportFailure(endpoint, "Telemetry", failure).getMessage();
        LOG.debug("telemetry stream to {} ended ({}); re-opening in {}", endpoint, lastProblem, REOPEN_DELAY);
        threads.schedule(REOPEN_DELAY, this::open);
    }

    private void onCommand(TelemetryCommand command) {
        if (command.hasSettings()) {
            try {
                onServerSettings.accept(command.getSettings());
                ready.complete(null);
            } catch (RuntimeException e) {
                lastProblem = "settings from " + endpoint + " refused: " + e.getMessage();
                LOG.warn(lastProblem);
                ready.completeExceptionally(e);
            }
        } else if (command.hasStatus() && !Statuses.isOk(command.getStatus())) {
            ClientException refusal = Statuses.toException(command.getStatus());
            lastProblem = endpoint + " refused the client's settings: " + refusal.getMessage();
            ready.completeExceptionally(refusal);
        } else {
            onServerCommand.accept(endpoint, command);
        }
    }

    /** The broker's side of one stream. */
    private final class Responses implements StreamObserver<TelemetryCommand> {
        @Override
        public void onNext(TelemetryCommand command) {
            onCommand(command);
        }

        @Override
        public void onError(Throwable error) {
            onStreamEnd(this, error);
        }

        @Override
        public void onCompleted() {
            onStreamEnd(this, null);
        }
    }
}
