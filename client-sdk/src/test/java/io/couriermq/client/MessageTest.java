package io.couriermq.client;

import apache.rocketmq.v2.Code;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTest {

    @Test
    void refusesWhatTheBrokerWouldRefuseWithTheBrokersCode() {
        assertCode(() -> Message.builder().topic("t").body(new byte[0]).build(), Code.MESSAGE_BODY_EMPTY_VALUE);
        assertCode(() -> Message.builder().topic("t").build(), Code.MESSAGE_BODY_EMPTY_VALUE);
        assertCode(() -> Message.builder().topic("bad topic").body(new byte[1]).build(), Code.ILLEGAL_TOPIC_VALUE);
        assertCode(() -> Message.builder().topic("x".repeat(128)).body(new byte[1]).build(), Code.ILLEGAL_TOPIC_VALUE);
        assertCode(() -> Message.builder().topic("t").body(new byte[1]).tag("a|b").build(),
                Code.ILLEGAL_MESSAGE_TAG_VALUE);
        assertCode(() -> Message.builder().topic("t").body(new byte[1]).keys(" ").build(),
                Code.ILLEGAL_MESSAGE_KEY_VALUE);
        assertCode(() -> Message.builder().topic("t").body(new byte[1]).property("", "v"),
                Code.ILLEGAL_MESSAGE_PROPERTY_KEY_VALUE);
        assertCode(() -> Message.builder().topic("t").body(new byte[1]).messageGroup("g")
                .deliveryTimestamp(Instant.now()).build(), Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE_VALUE);
    }

    @Test
    void keepsACopyOfTheBody() {
        byte[] body = {1, 2, 3};
        Message message = Message.builder().topic("%RETRY%group|x").body(body).tag("TagA").keys("k1", "k2")
                .property("p", "v").build();
        body[0] = 9;
        message.body()[1] = 9;
        assertThat(message.body()).containsExactly(1, 2, 3);
        assertThat(message.keys()).containsExactly("k1", "k2");
        assertThat(message.properties()).containsEntry("p", "v");
    }

    private static void assertCode(Runnable build, int code) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(ClientException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
