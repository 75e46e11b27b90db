package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.DeadLetterQueue;
import apache.rocketmq.v2.Digest;
import apache.rocketmq.v2.DigestType;
import apache.rocketmq.v2.Encoding;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SystemProperties;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.couriermq.broker.core.consume.ConsumptionService;
import io.couriermq.broker.core.consume.Delivery;
import io.couriermq.broker.core.produce.SendRequest;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.store.StoredMessage;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import static io.couriermq.broker.core.produce.SystemProperties.BODY_ENCODING;
import static io.couriermq.broker.core.produce.SystemProperties.BORN_HOST_NAME;
import static io.couriermq.broker.core.produce.SystemProperties.DELIVERY_TIMESTAMP;
import static io.couriermq.broker.core.produce.SystemProperties.MESSAGE_GROUP;
import static io.couriermq.broker.core.produce.SystemProperties.MESSAGE_TYPE;
import static io.couriermq.broker.core.produce.SystemProperties.TRACE_CONTEXT;
import static io.couriermq.broker.core.produce.SystemProperties.isUserProperty;

/** Converts messages between the v2 protocol and the broker's core types, in both directions. */
final class MessageConverter {

    private final LocalBroker localBroker;

    MessageConverter(LocalBroker localBroker) {
        this.localBroker = localBroker;
    }

    /** A producer's message as a send request. */
    SendRequest toSendRequest(Message message, InetSocketAddress peer) {
        SystemProperties system = message.getSystemProperties();
        return new SendRequest(
                message.getTopic().getName(),
                system.getQueueId(),
                messageType(system),
                system.getMessageId(),
                system.hasTag() ? system.getTag() : null,
                List.copyOf(system.getKeysList()),
                system.hasMessageGroup() ? system.getMessageGroup() : null,
                system.hasDeliveryTimestamp() ? Timestamps.toMillis(system.getDeliveryTimestamp()) : 0,
                message.getUserPropertiesMap(),
                message.getBody().toByteArray(),
                system.hasBornTimestamp() ? Timestamps.toMillis(system.getBornTimestamp()) : System.currentTimeMillis(),
                system.getBornHost(),
                peer,
                system.getBodyEncoding() == Encoding.GZIP ? Encoding.GZIP.name() : Encoding.IDENTITY.name(),
                system.hasTraceContext() ? system.getTraceContext() : null);
    }

    private static TopicMessageType messageType(SystemProperties system) {
        return switch (system.getMessageType()) {
            case FIFO -> TopicMessageType.FIFO;
            case DELAY -> TopicMessageType.DELAY;
            case TRANSACTION -> TopicMessageType.TRANSACTION;
            case NORMAL, MESSAGE_TYPE_UNSPECIFIED -> TopicMessageType.NORMAL;
            default -> throw new V2RequestException(Code.UNSUPPORTED,
                    "message type " + system.getMessageType() + " is not supported");
        };
    }

    /** A delivery as the message a consumer receives, with its receipt handle and attempt. */
    Message toV2(Delivery delivery, String namespace, long invisibleMillis) {
        SystemProperties.Builder system = systemProperties(delivery.message())
                .setReceiptHandle(delivery.handle().encode())
                .setDeliveryAttempt(delivery.attempt())
                .setInvisibleDuration(Durations.fromMillis(invisibleMillis));
        return build(delivery.message(), namespace, system);
    }

    /** A stored message as a v2 message, for pull consumers and queries (no receipt handle). */
    Message toV2(StoredMessage message, String namespace) {
        return build(message, namespace, systemProperties(message).setDeliveryAttempt(1));
    }

    private Message build(StoredMessage stored, String namespace, SystemProperties.Builder system) {
        Map<String, String> user = new HashMap<>();
        stored.properties().forEach((key, value) -> {
            if (isUserProperty(key)) {
                user.put(key, value);
            }
        });
        return Message.newBuilder()
                .setTopic(Resource.newBuilder().setResourceNamespace(namespace).setName(stored.topic()))
                .putAllUserProperties(user)
                .setSystemProperties(system)
                .setBody(ByteString.copyFrom(stored.body()))
                .build();
    }

    private SystemProperties.Builder systemProperties(StoredMessage stored) {
        Map<String, String> properties = stored.properties();
        SystemProperties.Builder system = SystemProperties.newBuilder()
                .setMessageId(stored.messageId() == null ? "" : stored.messageId())
                .addAllKeys(stored.keys())
                .setBodyDigest(Digest.newBuilder().setType(DigestType.CRC32).setChecksum(crc32Hex(stored.body())))
                .setBodyEncoding("GZIP".equals(properties.get(BODY_ENCODING)) ? Encoding.GZIP : Encoding.IDENTITY)
                .setMessageType(v2Type(properties.get(MESSAGE_TYPE)))
                .setBornTimestamp(Timestamps.fromMillis(stored.bornTimestamp()))
                .setBornHost(properties.getOrDefault(BORN_HOST_NAME, hostString(stored.bornHost())))
                .setStoreTimestamp(Timestamps.fromMillis(stored.storeTimestamp()))
                .setStoreHost(localBroker.grpcAddress())
                .setQueueId(stored.queueId())
                .setQueueOffset(stored.queueOffset());
        if (stored.tag() != null) {
            system.setTag(stored.tag());
        }
        if (properties.containsKey(MESSAGE_GROUP)) {
            system.setMessageGroup(properties.get(MESSAGE_GROUP));
        }
        if (properties.containsKey(DELIVERY_TIMESTAMP)) {
            system.setDeliveryTimestamp(Timestamps.fromMillis(Long.parseLong(properties.get(DELIVERY_TIMESTAMP))));
        }
        if (properties.containsKey(TRACE_CONTEXT)) {
            system.setTraceContext(properties.get(TRACE_CONTEXT));
        }
        if (properties.containsKey(ConsumptionService.ORIGIN_TOPIC)) {
            system.setDeadLetterQueue(DeadLetterQueue.newBuilder()
                    .setTopic(properties.get(ConsumptionService.ORIGIN_TOPIC))
                    .setMessageId(properties.getOrDefault(ConsumptionService.ORIGIN_MESSAGE_ID, "")));
        }
        return system;
    }

    private static MessageType v2Type(String stored) {
        if (stored == null) {
            return MessageType.NORMAL;
        }
        return switch (stored) {
            case "FIFO" -> MessageType.FIFO;
            case "DELAY" -> MessageType.DELAY;
            case "TRANSACTION" -> MessageType.TRANSACTION;
            default -> MessageType.NORMAL;
        };
    }

    /** The checksum as the RocketMQ client verifies a CRC32 digest: upper-case hex, no zero padding. */
    static String crc32Hex(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toHexString(crc.getValue()).toUpperCase(Locale.ROOT);
    }

    private static String hostString(InetSocketAddress address) {
        return address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    }
}
