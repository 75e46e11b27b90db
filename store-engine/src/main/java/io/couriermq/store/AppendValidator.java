package io.couriermq.store;

import io.couriermq.store.record.EncodedRecord;
import io.couriermq.store.record.PropertyCodec;
import io.couriermq.store.record.RecordEncoder;

import java.nio.charset.StandardCharsets;

/**
 * Checks a message against the store's limits and encodes it, on the caller's thread. Each violation becomes a
 * {@link StoreException} with the code a service maps to its protocol's status.
 */
final class AppendValidator {

    private final StoreConfig config;
    private final byte[] storeHost;

    AppendValidator(StoreConfig config) {
        this.config = config;
        this.storeHost = RecordEncoder.encodeHost(config.storeHost());
    }

    EncodedRecord validateAndEncode(Message message) {
        byte[] topic = checkTopic(message.topic());
        if (message.queueId() < 0 || message.queueId() >= config.maxQueuesPerTopic()) {
            throw new StoreException(StoreErrorCode.ILLEGAL_QUEUE_ID, "queue id " + message.queueId()
                    + " is outside [0, " + config.maxQueuesPerTopic() + ")");
        }
        if (message.body().length == 0) {
            throw new StoreException(StoreErrorCode.MESSAGE_BODY_EMPTY, "message body is empty");
        }
        if (message.body().length > config.maxMessageSize().bytes()) {
            throw new StoreException(StoreErrorCode.MESSAGE_TOO_LARGE, "message body is " + message.body().length
                    + " bytes, more than maxMessageSize " + config.maxMessageSize().bytes());
        }
        byte[] properties;
        try {
            properties = PropertyCodec.encode(message.properties());
        } catch (IllegalArgumentException e) {
            throw new StoreException(StoreErrorCode.PROPERTIES_TOO_LARGE, e.getMessage());
        }
        if (properties.length > config.maxPropertiesSize().bytes()) {
            throw new StoreException(StoreErrorCode.PROPERTIES_TOO_LARGE, "properties encode to "
                    + properties.length + " bytes, more than maxPropertiesSize " + config.maxPropertiesSize().bytes());
        }
        return RecordEncoder.encode(message, topic, properties, storeHost);
    }

    /**
     * Topic names become directory names, so only RocketMQ's topic characters are accepted: letters, digits,
     * {@code %}, {@code -}, {@code _} and {@code |}.
     */
    private byte[] checkTopic(String topic) {
        if (topic.isEmpty() || topic.length() > config.maxTopicLength()) {
            throw new StoreException(StoreErrorCode.ILLEGAL_TOPIC, "topic '" + topic + "' must have 1 to "
                    + config.maxTopicLength() + " characters, has " + topic.length());
        }
        for (int i = 0; i < topic.length(); i++) {
            if (!isTopicChar(topic.charAt(i))) {
                throw new StoreException(StoreErrorCode.ILLEGAL_TOPIC, "topic '" + topic
                        + "' has an illegal character at index " + i);
            }
        }
        return topic.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean isTopicChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '%' || c == '-' || c == '_' || c == '|';
    }
}
