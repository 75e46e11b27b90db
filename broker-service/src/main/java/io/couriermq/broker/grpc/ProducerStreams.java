package io.couriermq.broker.grpc;

import apache.rocketmq.v2.TelemetryCommand;
import io.grpc.stub.StreamObserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open Telemetry stream of each producer, by client id: the broker's only way to ask a producer something,
 * such as the outcome of a transaction it left open. A producer's newest stream replaces its older one.
 *
 * <p>Thread-safe. Writes to a stream are serialised on the stream's observer, as gRPC requires and as the
 * session code that answers settings on the same stream does.
 */
final class ProducerStreams {

    private final Map<String, StreamObserver<TelemetryCommand>> byClientId = new ConcurrentHashMap<>();

    void register(String clientId, StreamObserver<TelemetryCommand> stream) {
        byClientId.put(clientId, stream);
    }

    /** Forgets the stream if it is still the client's current one. */
    void remove(String clientId, StreamObserver<TelemetryCommand> stream) {
        byClientId.remove(clientId, stream);
    }

    void removeClient(String clientId) {
        byClientId.remove(clientId);
    }

    boolean isConnected(String clientId) {
        return byClientId.containsKey(clientId);
    }

    /** Writes a command to the client's stream; false if it has none or the stream is broken. */
    boolean send(String clientId, TelemetryCommand command) {
        StreamObserver<TelemetryCommand> stream = byClientId.get(clientId);
        if (stream == null) {
            return false;
        }
        try {
            synchronized (stream) {
                stream.onNext(command);
            }
            return true;
        } catch (RuntimeException brokenStream) {
            remove(clientId, stream);
            return false;
        }
    }
}
