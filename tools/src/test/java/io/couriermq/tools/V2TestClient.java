package io.couriermq.tools;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.Encoding;
import apache.rocketmq.v2.FilterExpression;
import apache.rocketmq.v2.FilterType;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.MessagingServiceGrpc;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SendMessageResponse;
import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.Subscription;
import apache.rocketmq.v2.SubscriptionEntry;
import apache.rocketmq.v2.SystemProperties;
import apache.rocketmq.v2.TelemetryCommand;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of a RocketMQ 5 client, speaking the v2 gRPC protocol to one broker, to give mqadmin something to
 * find: sends messages and registers a consumer the way the official clients do (settings on a Telemetry stream).
 */
final class V2TestClient implements AutoCloseable {

    private static final Metadata.Key<String> CLIENT_ID = Metadata.Key.of("x-mq-client-id",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> LANGUAGE = Metadata.Key.of("x-mq-language",
            Metadata.ASCII_STRING_MARSHALLER);

    private final String clientId = "mqadmin-test-" + UUID.randomUUID();
    private final ManagedChannel channel;
    private final MessagingServiceGrpc.MessagingServiceStub asyncStub;
    private final MessagingServiceGrpc.MessagingServiceBlockingStub blockingStub;
    private StreamObserver<TelemetryCommand> telemetry;

    V2TestClient(String brokerGrpcAddress) {
        this.channel = NettyChannelBuilder.forTarget(brokerGrpcAddress).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(CLIENT_ID, clientId);
        headers.put(LANGUAGE, "JAVA");
        this.asyncStub = MessagingServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        this.blockingStub = MessagingServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    String clientId() {
        return clientId;
    }

    /** Sends one message to queue 0 and returns its message id. */
    String send(String topic, String key, String tag, String body) {
        String messageId = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        Message message = Message.newBuilder()
                .setTopic(Resource.newBuilder().setName(topic))
                .setSystemProperties(SystemProperties.newBuilder()
                        .setMessageId(messageId).addKeys(key).setTag(tag).setQueueId(0)
                        .setMessageType(MessageType.NORMAL).setBodyEncoding(Encoding.IDENTITY)
                        .setBornHost("test-host"))
                .setBody(ByteString.copyFrom(body, StandardCharsets.UTF_8))
                .build();
        SendMessageResponse response = blockingStub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .sendMessage(SendMessageRequest.newBuilder().addMessages(message).build());
        if (response.getStatus().getCode() != Code.OK) {
            throw new IllegalStateException("send failed: " + response.getStatus());
        }
        return response.getEntries(0).getMessageId();
    }

    /** Announces a simple consumer of the group on the topic and waits until the broker accepted the settings. */
    void subscribe(String group, String topic) throws Exception {
        CompletableFuture<TelemetryCommand> reply = new CompletableFuture<>();
        telemetry = asyncStub.telemetry(new StreamObserver<>() {
            @Override
            public void onNext(TelemetryCommand command) {
                reply.complete(command);
            }

            @Override
            public void onError(Throwable t) {
                reply.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                reply.completeExceptionally(new IllegalStateException("telemetry stream closed"));
            }
        });
        telemetry.onNext(TelemetryCommand.newBuilder().setSettings(Settings.newBuilder()
                .setClientType(ClientType.SIMPLE_CONSUMER)
                .setSubscription(Subscription.newBuilder()
                        .setGroup(Resource.newBuilder().setName(group))
                        .addSubscriptions(SubscriptionEntry.newBuilder()
                                .setTopic(Resource.newBuilder().setName(topic))
                                .setExpression(FilterExpression.newBuilder().setType(FilterType.TAG)
                                        .setExpression("*")))))
                .build());
        TelemetryCommand answer = reply.get(10, TimeUnit.SECONDS);
        if (answer.getStatus().getCode() != Code.OK) {
            throw new IllegalStateException("settings refused: " + answer.getStatus());
        }
    }

    @Override
    public void close() {
        if (telemetry != null) {
            telemetry.onCompleted();
        }
        try {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
