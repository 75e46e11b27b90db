package io.couriermq.broker.core.topic;

import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.group.GroupRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicRegistryTest {

    @TempDir
    Path dir;

    @Test
    void topicsSurviveAReloadAndChangesAreAnnounced() {
        TopicRegistry topics = TopicRegistry.load(dir);
        AtomicInteger changes = new AtomicInteger();
        topics.onChange(changes::incrementAndGet);
        long version = topics.version();
        topics.put(TopicConfig.of("Orders", 4, TopicMessageType.FIFO));
        topics.put(TopicConfig.of("Orders", 4, TopicMessageType.FIFO));
        topics.getOrCreate("Auto", TopicConfig.of("template", 8, TopicMessageType.NORMAL));
        assertThat(changes).as("an unchanged put is not a change").hasValue(2);
        assertThat(topics.version()).isGreaterThan(version);

        TopicRegistry reloaded = TopicRegistry.load(dir);
        assertThat(reloaded.find("Orders")).contains(TopicConfig.of("Orders", 4, TopicMessageType.FIFO));
        assertThat(reloaded.find("Auto")).map(TopicConfig::readQueueNums).contains(8);
        assertThat(reloaded.delete("Orders")).isTrue();
        assertThat(TopicRegistry.load(dir).find("Orders")).isEmpty();
    }

    @Test
    void illegalTopicsAndQueueCountsAreRefused() {
        TopicRegistry topics = TopicRegistry.load(dir);
        assertThatThrownBy(() -> topics.put(TopicConfig.of("bad name", 4, TopicMessageType.NORMAL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        assertThatThrownBy(() -> TopicConfig.of("t", 0, TopicMessageType.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readQueueNums");
        assertThatThrownBy(() -> new TopicConfig("t", 1, 1, 9, TopicMessageType.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perm");
    }

    @Test
    void mixedTopicsAcceptEveryKind() {
        assertThat(TopicMessageType.MIXED.accepts(TopicMessageType.FIFO)).isTrue();
        assertThat(TopicMessageType.NORMAL.accepts(TopicMessageType.FIFO)).isFalse();
    }

    @Test
    void groupsAreCreatedOnFirstUseOnlyWhenAllowed() {
        assertThat(GroupRegistry.load(dir, true).resolve("new-group")).contains(GroupConfig.defaults("new-group"));
        assertThat(GroupRegistry.load(dir, true).find("new-group")).as("persisted").isPresent();
        assertThat(GroupRegistry.load(dir, false).resolve("other")).isEmpty();
        assertThatThrownBy(() -> GroupRegistry.load(dir, true).put(GroupConfig.defaults("CID_RMQ_SYS_x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }
}
