package io.couriermq.client;

import apache.rocketmq.v2.Code;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message to send. Immutable. The builder checks what the broker would refuse anyway (RocketMQ's rules for topic
 * names, tags, keys and properties, a non-empty body), so a bad message fails before any request with the same
 * {@link ClientException#code()} the broker would answer.
 *
 * <p>A message group makes it a FIFO message (all messages of a group go to one queue, in order); a delivery
 * timestamp makes it a delay message. A message cannot be both.
 */
public final class Message {

    /** RocketMQ topic names: 1 to 127 of letters, digits, {@code %}, {@code |}, {@code -} and {@code _}. */
    private static final Pattern TOPIC = Pattern.compile("[%|a-zA-Z0-9_-]{1,127}");

    private final String topic;
    private final byte[] body;
    private final String tag;
    private final List<String> keys;
    private final String messageGroup;
    private final Instant deliveryTimestamp;
    private final Map<String, String> properties;

    private Message(Builder builder) {
        this.topic = builder.topic;
        this.body = builder.body;
        this.tag = builder.tag;
        this.keys = List.copyOf(builder.keys);
        this.messageGroup = builder.messageGroup;
        this.deliveryTimestamp = builder.deliveryTimestamp;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String topic() {
        return topic;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    public int bodySize() {
        return body.length;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public List<String> keys() {
        return keys;
    }

    public Optional<String> messageGroup() {
        return Optional.ofNullable(messageGroup);
    }

    public Optional<Instant> deliveryTimestamp() {
        return Optional.ofNullable(deliveryTimestamp);
    }

    /** User properties. */
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "Message{topic=" + topic + ", bodySize=" + body.length + ", tag=" + tag + ", keys=" + keys
                + ", messageGroup=" + messageGroup + ", deliveryTimestamp=" + deliveryTimestamp + "}";
    }

    /** Topic and body are required. */
    public static final class Builder {
        private String topic;
        private byte[] body;
        private String tag;
        private final List<String> keys = new ArrayList<>();
        private String messageGroup;
        private Instant deliveryTimestamp;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** The body; copied. */
        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        /** A tag consumers can filter on; not blank and without {@code |}. */
        public Builder tag(String tag) {
            this.tag = tag;
            return this;
        }

        /** Keys the broker indexes the message by; each not blank. */
        public Builder keys(String... keys) {
            this.keys.addAll(Arrays.asList(keys));
            return this;
        }

        /** Makes this a FIFO message: messages of one group are stored in one queue and consumed in order. */
        public Builder messageGroup(String messageGroup) {
            this.messageGroup = messageGroup;
            return this;
        }

        /** Makes this a delay message: not delivered before this time. */
        public Builder deliveryTimestamp(Instant deliveryTimestamp) {
            this.deliveryTimestamp = deliveryTimestamp;
            return this;
        }

        /** A user property; key and value not blank. */
        public Builder property(String key, String value) {
            if (isBlank(key) || isBlank(value)) {
                throw new ClientException(Code.ILLEGAL_MESSAGE_PROPERTY_KEY_VALUE,
                        "property key and value must not be blank, were '" + key + "' and '" + value + "'");
            }
            properties.put(key, value);
            return this;
        }

        public Message build() {
            if (topic == null || !TOPIC.matcher(topic).matches()) {
                throw new ClientException(Code.ILLEGAL_TOPIC_VALUE,
                        "topic must be 1 to 127 characters of [%|a-zA-Z0-9_-], was '" + topic + "'");
            }
            if (body == null || body.length == 0) {
                throw new ClientException(Code.MESSAGE_BODY_EMPTY_VALUE, "message body is empty");
            }
            if (tag != null && (isBlank(tag) || tag.contains("|"))) {
                throw new ClientException(Code.ILLEGAL_MESSAGE_TAG_VALUE,
                        "tag must not be blank or contain '|', was '" + tag + "'");
            }
            for (String key : keys) {
                if (isBlank(key)) {
                    throw new ClientException(Code.ILLEGAL_MESSAGE_KEY_VALUE, "message keys must not be blank");
                }
            }
            if (messageGroup != null && isBlank(messageGroup)) {
                throw new ClientException(Code.ILLEGAL_MESSAGE_GROUP_VALUE, "message group must not be blank");
            }
            if (messageGroup != null && deliveryTimestamp != null) {
                throw new ClientException(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE_VALUE,
                        "a message cannot have both a message group (FIFO) and a delivery timestamp (delay)");
            }
            return new Message(this);
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
