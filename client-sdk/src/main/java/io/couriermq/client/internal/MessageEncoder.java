package io.couriermq.client.internal;

import apache.rocketmq.v2.Encoding;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SystemProperties;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.util.Timestamps;
import io.couriermq.client.Message;

/**
 * Turns a user's message into the v2 message of one send attempt: the id generated for it (the same on every
 * attempt, so brokers can drop duplicates), the chosen queue, this host as born host, the attempt's time as born
 * time, and its type: TRANSACTION when sent in a transaction, otherwise what its fields imply (group: FIFO,
 * delivery time: DELAY, else NORMAL). Bodies go as they are.
 */
final class MessageEncoder {

    private MessageEncoder() {
    }

    static apache.rocketmq.v2.Message encode(Message message, String messageId, Resource topic, int queueId,
                                             long bornMillis, boolean transactional) {
        SystemProperties.Builder system = SystemProperties.newBuilder()
                .setMessageId(messageId)
                .setBornTimestamp(Timestamps.fromMillis(bornMillis))
                .setBornHost(ClientId.hostName())
                .setBodyEncoding(Encoding.IDENTITY)
                .setQueueId(queueId)
                .setMessageType(transactional ? MessageType.TRANSACTION : typeOf(message))
                .addAllKeys(message.keys());
        message.tag().ifPresent(system::setTag);
        message.messageGroup().ifPresent(system::setMessageGroup);
        message.deliveryTimestamp().ifPresent(at -> system.setDeliveryTimestamp(Timestamps.fromMillis(at.toEpochMilli())));
        return apache.rocketmq.v2.Message.newBuilder()
                .setTopic(topic)
                .putAllUserProperties(message.properties())
                .setSystemProperties(system)
                // body() is already a private copy, so wrapping it without another copy is safe
                .setBody(UnsafeByteOperations.unsafeWrap(message.body()))
                .build();
    }

    static MessageType typeOf(Message message) {
        if (message.messageGroup().isPresent()) {
            return MessageType.FIFO;
        }
        return message.deliveryTimestamp().isPresent() ? MessageType.DELAY : MessageType.NORMAL;
    }
}
