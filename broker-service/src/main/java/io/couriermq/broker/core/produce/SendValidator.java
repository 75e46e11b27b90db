package io.couriermq.broker.core.produce;

import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicNames;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * RocketMQ's rules for what a producer may send, checked before anything is stored. Each rule failure is a
 * {@link SendException} whose reason names the field.
 */
final class SendValidator {

    static final int MAX_USER_PROPERTIES = 128;
    static final int MAX_USER_PROPERTIES_BYTES = 16 * 1024;
    static final int MAX_MESSAGE_GROUP_LENGTH = 64;
    static final int MAX_MESSAGE_ID_LENGTH = 128;

    private final long maxBodyBytes;

    SendValidator(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void validate(SendRequest request) {
        String topicProblem = TopicNames.topicProblem(request.topic());
        if (topicProblem != null) {
            throw new SendException(SendException.Reason.ILLEGAL_TOPIC, topicProblem);
        }
        if (TopicNames.isSystemTopic(request.topic())) {
            throw new SendException(SendException.Reason.ILLEGAL_TOPIC, "topic " + request.topic()
                    + " is reserved for the system");
        }
        if (request.body() == null || request.body().length == 0) {
            throw new SendException(SendException.Reason.BODY_EMPTY, "message body is empty");
        }
        if (request.body().length > maxBodyBytes) {
            throw new SendException(SendException.Reason.BODY_TOO_LARGE, "message body is " + request.body().length
                    + " bytes, more than maxMessageSize " + maxBodyBytes);
        }
        if (isBlank(request.messageId()) || request.messageId().length() > MAX_MESSAGE_ID_LENGTH) {
            throw new SendException(SendException.Reason.ILLEGAL_MESSAGE_ID, "message id must have 1 to "
                    + MAX_MESSAGE_ID_LENGTH + " characters");
        }
        if (request.tag() != null && (isBlank(request.tag()) || request.tag().contains("|")
                || hasControlChar(request.tag()))) {
            throw new SendException(SendException.Reason.ILLEGAL_TAG, "tag '" + request.tag()
                    + "' is blank or contains '|' or a control character");
        }
        for (String key : request.keys()) {
            if (isBlank(key) || hasControlChar(key)) {
                throw new SendException(SendException.Reason.ILLEGAL_KEY, "message key '" + key
                        + "' is blank or contains a control character");
            }
        }
        if (request.messageGroup() != null && (isBlank(request.messageGroup())
                || request.messageGroup().length() > MAX_MESSAGE_GROUP_LENGTH || hasControlChar(request.messageGroup()))) {
            throw new SendException(SendException.Reason.ILLEGAL_MESSAGE_GROUP, "message group must have 1 to "
                    + MAX_MESSAGE_GROUP_LENGTH + " characters and no control characters");
        }
        validateUserProperties(request.userProperties());
        validateTypeFields(request);
    }

    /** The fields that make a message a delay or transactional one must agree with the type it claims. */
    private static void validateTypeFields(SendRequest request) {
        boolean delay = request.messageType() == TopicMessageType.DELAY;
        if (delay && request.deliveryTimestamp() <= 0) {
            throw new SendException(SendException.Reason.ILLEGAL_DELIVERY_TIME,
                    "a DELAY message needs a delivery timestamp");
        }
        if (!delay && request.deliveryTimestamp() > 0) {
            throw new SendException(SendException.Reason.MESSAGE_TYPE_MISMATCH, "a message with a delivery "
                    + "timestamp is a DELAY message, not " + request.messageType());
        }
        if (request.messageType() == TopicMessageType.TRANSACTION && request.messageGroup() != null) {
            throw new SendException(SendException.Reason.MESSAGE_TYPE_MISMATCH,
                    "a TRANSACTION message cannot have a message group");
        }
    }

    private static void validateUserProperties(Map<String, String> properties) {
        if (properties.size() > MAX_USER_PROPERTIES) {
            throw new SendException(SendException.Reason.PROPERTIES_TOO_LARGE, properties.size()
                    + " user properties, more than " + MAX_USER_PROPERTIES);
        }
        int bytes = 0;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (isBlank(property.getKey()) || SystemProperties.isReserved(property.getKey())) {
                throw new SendException(SendException.Reason.ILLEGAL_PROPERTY_KEY, "user property key '"
                        + property.getKey() + "' is blank or reserved for the system");
            }
            bytes += property.getKey().getBytes(StandardCharsets.UTF_8).length
                    + property.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_USER_PROPERTIES_BYTES) {
            throw new SendException(SendException.Reason.PROPERTIES_TOO_LARGE, "user properties take " + bytes
                    + " bytes, more than " + MAX_USER_PROPERTIES_BYTES);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean hasControlChar(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
