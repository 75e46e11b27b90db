package io.couriermq.server.route;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

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

    @Test
    void exactlyRocketMqsCharacterClassIsLegal() {
        Pattern rocketMqClass = Pattern.compile("[%|a-zA-Z0-9_-]");
        for (char c = 0; c < 0x3000; c++) {
            String name = "a" + c + "b";
            assertThat(TopicNameRule.hasOnlyLegalCharacters(name)).as("U+%04X", (int) c)
                    .isEqualTo(rocketMqClass.matcher(String.valueOf(c)).matches());
        }
    }
}
