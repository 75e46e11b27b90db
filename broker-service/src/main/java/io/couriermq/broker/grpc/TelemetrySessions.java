package io.couriermq.broker.grpc;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.HeartbeatRequest;
import apache.rocketmq.v2.HeartbeatResponse;
import apache.rocketmq.v2.NotifyClientTerminationRequest;
import apache.rocketmq.v2.NotifyClientTerminationResponse;
import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.SubscriptionEntry;
import apache.rocketmq.v2.TelemetryCommand;
import io.couriermq.broker.core.client.ClientInfo;
import io.couriermq.broker.core.client.ClientKind;
import io.couriermq.broker.core.client.ClientRegistry;
import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.server.grpc.RequestMetadata;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Client sessions over the v2 protocol: the Telemetry stream each client opens (its settings in, the server's
 * settings out), heartbeats, and termination notices.
 */
final class TelemetrySessions {

    private final ClientRegistry clients;
    private final GroupRegistry groups;
    private final ServerSettings serverSettings;
    private final ProducerStreams producerStreams;

    TelemetrySessions(ClientRegistry clients, GroupRegistry groups, ServerSettings serverSettings,
                      ProducerStreams producerStreams) {
        this.clients = clients;
        this.groups = groups;
        this.serverSettings = serverSettings;
        this.producerStreams = producerStreams;
    }

    StreamObserver<TelemetryCommand> open(StreamObserver<TelemetryCommand> responses) {
        RequestMetadata metadata = RequestMetadata.current();
        return new StreamObserver<>() {
            @Override
            public void onNext(TelemetryCommand command) {
                if (command.hasSettings()) {
                    onSettings(metadata, command.getSettings(), responses);
                }
            }

            @Override
            public void onError(Throwable error) {
                // The client closed or lost the stream; it re-opens one and re-sends its settings.
                producerStreams.remove(metadata.clientId(), responses);
            }

            @Override
            public void onCompleted() {
                producerStreams.remove(metadata.clientId(), responses);
                synchronized (responses) {
                    responses.onCompleted();
                }
            }
        };
    }

    private void onSettings(RequestMetadata metadata, Settings settings, StreamObserver<TelemetryCommand> responses) {
        TelemetryCommand reply;
        try {
            reply = TelemetryCommand.newBuilder().setStatus(V2Status.OK)
                    .setSettings(register(metadata, settings)).build();
            if (settings.getClientType() == ClientType.PRODUCER) {
                producerStreams.register(metadata.clientId(), responses);
            }
        } catch (RuntimeException e) {
            reply = TelemetryCommand.newBuilder().setStatus(StatusTranslator.toStatus(e)).build();
        }
        synchronized (responses) {
            responses.onNext(reply);
        }
    }

    /** Records the client and returns the settings to answer it with. */
    private Settings register(RequestMetadata metadata, Settings settings) {
        if (metadata.clientId().isEmpty()) {
            throw new V2RequestException(Code.CLIENT_ID_REQUIRED, "x-mq-client-id header is required");
        }
        ClientType type = settings.getClientType();
        if (type == ClientType.PRODUCER) {
            Set<String> topics = new LinkedHashSet<>();
            settings.getPublishing().getTopicsList().forEach(topic -> topics.add(topic.getName()));
            clients.register(info(metadata, settings, ClientKind.PRODUCER, null, topics));
            return serverSettings.forProducer(settings);
        }
        if (ServerSettings.isConsumer(type) && settings.hasSubscription()) {
            String groupName = settings.getSubscription().getGroup().getName();
            GroupConfig group = groups.resolve(groupName).orElseThrow(() -> new V2RequestException(
                    Code.CONSUMER_GROUP_NOT_FOUND, "consumer group " + groupName + " does not exist"));
            Set<String> topics = new LinkedHashSet<>();
            for (SubscriptionEntry entry : settings.getSubscription().getSubscriptionsList()) {
                topics.add(entry.getTopic().getName());
            }
            clients.register(info(metadata, settings, kindOf(type), groupName, topics));
            return serverSettings.forConsumer(settings, group);
        }
        throw new V2RequestException(Code.UNRECOGNIZED_CLIENT_TYPE, "settings of client type " + type
                + " without publishing or subscription settings");
    }

    private static ClientKind kindOf(ClientType type) {
        return switch (type) {
            case PUSH_CONSUMER -> ClientKind.PUSH_CONSUMER;
            case PULL_CONSUMER -> ClientKind.PULL_CONSUMER;
            default -> ClientKind.SIMPLE_CONSUMER;
        };
    }

    private static ClientInfo info(RequestMetadata metadata, Settings settings, ClientKind kind, String group,
                                   Set<String> topics) {
        return new ClientInfo(metadata.clientId(), kind, group, topics,
                metadata.language().isEmpty() ? settings.getUserAgent().getLanguage().name() : metadata.language(),
                metadata.clientVersion().isEmpty() ? settings.getUserAgent().getVersion() : metadata.clientVersion(),
                metadata.remoteAddress().toString(), Instant.now());
    }

    HeartbeatResponse heartbeat(HeartbeatRequest request) {
        String clientId = RequestMetadata.current().clientId();
        if (!clients.touch(clientId)) {
            return HeartbeatResponse.newBuilder().setStatus(V2Status.of(Code.UNRECOGNIZED_CLIENT_TYPE,
                    "no settings received from client " + clientId + " on a Telemetry stream")).build();
        }
        return HeartbeatResponse.newBuilder().setStatus(V2Status.OK).build();
    }

    NotifyClientTerminationResponse terminate(NotifyClientTerminationRequest request) {
        String clientId = RequestMetadata.current().clientId();
        clients.terminate(clientId);
        producerStreams.removeClient(clientId);
        return NotifyClientTerminationResponse.newBuilder().setStatus(V2Status.OK).build();
    }
}
