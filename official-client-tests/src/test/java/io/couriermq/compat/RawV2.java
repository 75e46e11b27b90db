package io.couriermq.compat;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.MessagingServiceGrpc;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SystemProperties;
import org.apache.rocketmq.shaded.com.google.protobuf.ByteString;
import org.apache.rocketmq.shaded.io.grpc.ManagedChannel;
import org.apache.rocketmq.shaded.io.grpc.ManagedChannelBuilder;
import org.apache.rocketmq.shaded.io.grpc.Metadata;
import org.apache.rocketmq.shaded.io.grpc.stub.MetadataUtils;

import java.util.concurrent.TimeUnit;

/**
 * The v2 protocol spoken to one broker directly, through the stubs bundled in the official client's jar: for what
 * the client hides, such as the exact status a broker answers (the client retries elsewhere on failures).
 */
final class RawV2 implements AutoCloseable {

    private final ManagedChannel channel;

    /** A plaintext channel to {@code host:port}. */
    RawV2(String address) {
        String[] hostPort = address.split(":");
        this.channel = ManagedChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
                .build();
    }

    MessagingServiceGrpc.MessagingServiceBlockingStub stub() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-mq-client-id", Metadata.ASCII_STRING_MARSHALLER), "raw-v2-test@1");
        return MessagingServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** Sends one message and returns the status of its entry. */
    Code sendStatus(Message message) {
        return stub().sendMessage(SendMessageRequest.newBuilder().addMessages(message).build())
                .getEntries(0).getStatus().getCode();
    }

    /** A NORMAL message for queue 0 with a fresh id and a body of zeros. */
    static Message.Builder message(String topic, int bodyBytes) {
        return Message.newBuilder()
                .setTopic(Resource.newBuilder().setName(topic))
                .setBody(ByteString.copyFrom(new byte[bodyBytes]))
                .setSystemProperties(SystemProperties.newBuilder().setMessageId("ID-" + System.nanoTime())
                        .setMessageType(MessageType.NORMAL).setQueueId(0));
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
