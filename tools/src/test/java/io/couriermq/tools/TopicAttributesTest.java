package io.couriermq.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicAttributesTest {

    @Test
    void readsTheMessageTypeInAnyCase() {
        assertThat(TopicAttributes.messageType("+message.type=FIFO")).isEqualTo("FIFO");
        assertThat(TopicAttributes.messageType(" +message.type=delay ")).isEqualTo("DELAY");
    }

    @Test
    void refusesOtherAttributes() {
        assertThatThrownBy(() -> TopicAttributes.messageType("+message.type=FIFO,+queue.type=BatchCQ"))
                .hasMessageStartingWith("unsupported attribute 'queue.type'");
    }

    @Test
    void refusesUnknownTypeAndDeletion() {
        assertThatThrownBy(() -> TopicAttributes.messageType("+message.type=LITE"))
                .hasMessageContaining("'LITE' is not one of");
        assertThatThrownBy(() -> TopicAttributes.messageType("-message.type"))
                .hasMessageContaining("is not of the form +key=value");
    }
}
