package io.couriermq.server.route;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicNameRuleTest {

    @Test
    void acceptsRocketMqNames() {
        assertThat(TopicNameRule.problem("Orders_2025-eu")).isEmpty();
        assertThat(TopicNameRule.problem("%RETRY%group|x")).isEmpty();
        assertThat(TopicNameRule.problem("t".repeat(TopicNameRule.MAX_LENGTH))).isEmpty();
    }

    @Test
    void refusesEmptyLongAndOddNamesSayingWhy() {
        assertThat(TopicNameRule.problem("")).hasValue("topic name is empty");
        assertThat(TopicNameRule.problem(null)).hasValue("topic name is empty");
        assertThat(TopicNameRule.problem("t".repeat(128))).get().asString().contains("128 characters");
        assertThat(TopicNameRule.problem("a topic")).get().asString().contains("'a topic'");
        assertThat(TopicNameRule.problem("../etc")).isPresent();
    }
}
