package io.couriermq.broker.core.produce;

import io.couriermq.broker.core.topic.TopicMessageType;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendValidatorTest {

    private final SendValidator validator = new SendValidator(1024);

    private static SendRequest request(String topic, byte[] body, String tag, List<String> keys, String group,
                                       Map<String, String> properties, String messageId) {
        return new SendRequest(topic, 0, TopicMessageType.NORMAL, messageId, tag, keys, group, 0, properties, body,
                0, "host", new InetSocketAddress(0), "IDENTITY", null);
    }

    private static SendRequest valid() {
        return request("t", new byte[10], "TagA", List.of("k"), null, Map.of("p", "v"), "ID-1");
    }

    private void assertRefused(SendRequest request, SendException.Reason reason) {
        assertThatThrownBy(() -> validator.validate(request)).isInstanceOfSatisfying(SendException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void aWellFormedMessagePasses() {
        assertThatCode(() -> validator.validate(valid())).doesNotThrowAnyException();
    }

    @Test
    void eachBrokenRuleHasItsReason() {
        assertRefused(request("bad topic", new byte[1], null, List.of(), null, Map.of(), "id"),
                SendException.Reason.ILLEGAL_TOPIC);
        assertRefused(request("rmq_sys_x", new byte[1], null, List.of(), null, Map.of(), "id"),
                SendException.Reason.ILLEGAL_TOPIC);
        assertRefused(request("t", new byte[0], null, List.of(), null, Map.of(), "id"), SendException.Reason.BODY_EMPTY);
        assertRefused(request("t", new byte[1025], null, List.of(), null, Map.of(), "id"),
                SendException.Reason.BODY_TOO_LARGE);
        assertRefused(request("t", new byte[1], "a|b", List.of(), null, Map.of(), "id"), SendException.Reason.ILLEGAL_TAG);
        assertRefused(request("t", new byte[1], " ", List.of(), null, Map.of(), "id"), SendException.Reason.ILLEGAL_TAG);
        assertRefused(request("t", new byte[1], null, List.of("a\u0001"), null, Map.of(), "id"),
                SendException.Reason.ILLEGAL_KEY);
        assertRefused(request("t", new byte[1], null, List.of(), "g".repeat(65), Map.of(), "id"),
                SendException.Reason.ILLEGAL_MESSAGE_GROUP);
        assertRefused(request("t", new byte[1], null, List.of(), null, Map.of("KEYS", "x"), "id"),
                SendException.Reason.ILLEGAL_PROPERTY_KEY);
        assertRefused(request("t", new byte[1], null, List.of(), null, Map.of("big", "x".repeat(17_000)), "id"),
                SendException.Reason.PROPERTIES_TOO_LARGE);
        assertRefused(request("t", new byte[1], null, List.of(), null, Map.of(), " "),
                SendException.Reason.ILLEGAL_MESSAGE_ID);
    }

    private static SendRequest typed(TopicMessageType type, String group, long deliveryTimestamp) {
        return new SendRequest("t", 0, type, "id", null, List.of(), group, deliveryTimestamp, Map.of(), new byte[1],
                0, "host", new InetSocketAddress(0), "IDENTITY", null);
    }

    @Test
    void theFieldsOfADelayOrTransactionalMessageMustAgreeWithItsType() {
        assertThatCode(() -> validator.validate(typed(TopicMessageType.DELAY, null, 1_000))).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(typed(TopicMessageType.TRANSACTION, null, 0)))
                .doesNotThrowAnyException();
        assertRefused(typed(TopicMessageType.DELAY, null, 0), SendException.Reason.ILLEGAL_DELIVERY_TIME);
        assertRefused(typed(TopicMessageType.NORMAL, null, 1_000), SendException.Reason.MESSAGE_TYPE_MISMATCH);
        assertRefused(typed(TopicMessageType.TRANSACTION, null, 1_000), SendException.Reason.MESSAGE_TYPE_MISMATCH);
        assertRefused(typed(TopicMessageType.TRANSACTION, "g", 0), SendException.Reason.MESSAGE_TYPE_MISMATCH);
    }
}
