package io.couriermq.client.internal;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.TelemetryCommand;

import java.util.Optional;

/**
 * What makes a client a producer or a kind of consumer, as far as the shared {@link ClientRuntime} is concerned:
 * its type and group for heartbeats and termination, the settings it announces on Telemetry streams, and what it
 * does with the settings brokers answer.
 */
public interface ClientRole {

    ClientType clientType();

    /** The consumer group; empty for producers. */
    Optional<String> group();

    /**
     * The role's part of the settings (publishing or subscription, backoff policy); the runtime adds client type,
     * access point, request timeout and user agent. Asked again for every stream and every re-announcement.
     */
    Settings settings();

    /** Applies the settings a broker answered with; throwing refuses them and the session is not ready. */
    void onServerSettings(Settings serverSettings);

    /**
     * Handles a command a broker sent on its Telemetry stream other than settings (a producer is asked about
     * transactions it left open). Called on a gRPC thread: anything slow belongs on the runtime's threads.
     */
    default void onServerCommand(ClientRuntime runtime, Endpoint broker, TelemetryCommand command) {
    }
}
