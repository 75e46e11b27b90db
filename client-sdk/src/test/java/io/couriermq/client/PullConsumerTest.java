package io.couriermq.client;

import apache.rocketmq.v2.Code;
import io.couriermq.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.couriermq.client.ProducerAndSimpleConsumerTest.body;
import static io.couriermq.client.ProducerAndSimpleConsumerTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Pull consumer against a real NameServer and broker: pulls by offset, committed offsets, positions and seeks. */
class PullConsumerTest {

    private static TestCluster cluster;
    private static ClientConfig config;

    @BeforeAll
    static void startCluster() {
        cluster = Clusters.start(PullConsumerTest.class, 1);
        config = Clusters.config(cluster);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void clientsLeaveNoThreads() {
        Clusters.assertNoClientThreadsLeft();
    }

    @Test
    void pullReadsByOffsetAndCommittedOffsetsArePerGroup() {
        String topic = Clusters.unique("pull");
        MessageQueueRef queue;
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            queue = refOf(topic, producer.sendBatch(batch(topic, "m", 10)));
        }
        try (PullConsumer consumer = PullConsumer.builder(config).group(Clusters.unique("group")).build();
             PullConsumer other = PullConsumer.builder(config).group(Clusters.unique("group")).build()) {
            assertThat(consumer.queues(topic)).contains(queue).hasSize(8);

            PullResult all = consumer.pull(queue, 0, 32, Duration.ZERO);
            assertThat(all.messages()).extracting(ProducerAndSimpleConsumerTest::body)
                    .containsExactly("m-0", "m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-7", "m-8", "m-9");
            assertThat(all.messages()).extracting(MessageView::queueOffset)
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(all.nextOffset()).isEqualTo(10);

            PullResult some = consumer.pull(queue, 7, 2, Duration.ZERO);
            assertThat(some.messages()).extracting(ProducerAndSimpleConsumerTest::body).containsExactly("m-7", "m-8");
            assertThat(some.nextOffset()).isEqualTo(9);

            PullResult none = consumer.pull(queue, 10, 32, Duration.ofMillis(300));
            assertThat(none.messages()).isEmpty();
            assertThat(none.nextOffset()).isEqualTo(10);

            assertThatThrownBy(() -> consumer.pull(queue, 1000, 32, Duration.ZERO))
                    .isInstanceOfSatisfying(ClientException.class,
                            e -> assertThat(e.code()).isEqualTo(Code.ILLEGAL_OFFSET_VALUE));

            assertThat(consumer.committed(queue)).as("a new group starts at the beginning").isZero();
            consumer.commit(queue, 4);
            assertThat(consumer.committed(queue)).isEqualTo(4);
            assertThat(other.committed(queue)).as("another group's progress").isZero();
        }
    }

    @Test
    void pollContinuesFromTheCommittedOffsetsAndFollowsSeeks() {
        String topic = Clusters.unique("poll");
        String group = Clusters.unique("group");
        try (Producer producer = Producer.builder(config).topics(topic).build();
             PullConsumer consumer = PullConsumer.builder(config).group(group).build()) {
            MessageQueueRef queue = refOf(topic, producer.sendBatch(batch(topic, "m", 10)));
            consumer.commit(queue, 4);
            consumer.assign(consumer.queues(topic));
            assertThat(consumer.assignment()).hasSize(8).contains(queue);

            assertThat(bodies(pollUntil(consumer, 6))).containsExactly("m-4", "m-5", "m-6", "m-7", "m-8", "m-9");
            assertThat(consumer.position(queue)).isEqualTo(10);

            consumer.seekToBeginning(queue);
            assertThat(consumer.position(queue)).isZero();
            assertThat(bodies(pollUntil(consumer, 10))).hasSize(10).startsWith("m-0").endsWith("m-9");

            consumer.seekToEnd(queue);
            assertThat(consumer.position(queue)).isEqualTo(10);
            assertThat(consumer.poll(Duration.ofMillis(300))).isEmpty();

            Instant beforeLate = Instant.now();
            MessageQueueRef lateQueue = refOf(topic, producer.sendBatch(batch(topic, "late", 1)));
            assertThat(bodies(pollUntil(consumer, 1))).as("a long poll sees a new message").containsExactly("late-0");

            consumer.seek(queue, 2);
            assertThat(bodies(pollUntil(consumer, lateQueue.equals(queue) ? 9 : 8))).startsWith("m-2", "m-3");

            consumer.seekToTimestamp(lateQueue, beforeLate);
            assertThat(bodies(pollUntil(consumer, 1))).containsExactly("late-0");

            consumer.seek(queue, 5000);
            assertThat(consumer.poll(Duration.ofMillis(500))).as("an offset past the end moves to the end").isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return consumer.position(queue) == (lateQueue.equals(queue) ? 11 : 10);
            });
        }
    }

    private static List<MessageView> pollUntil(PullConsumer consumer, int count) {
        List<MessageView> polled = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            polled.addAll(consumer.poll(Duration.ofSeconds(5)));
            return polled.size() >= count;
        });
        assertThat(polled).hasSize(count);
        return polled;
    }

    private static List<String> bodies(List<MessageView> messages) {
        return messages.stream().map(ProducerAndSimpleConsumerTest::body).toList();
    }

    private static List<Message> batch(String topic, String prefix, int size) {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(message(topic, prefix + "-" + i, null));
        }
        return batch;
    }

    private static MessageQueueRef refOf(String topic, List<SendReceipt> receipts) {
        SendReceipt first = receipts.get(0);
        assertThat(receipts).extracting(SendReceipt::queueId).containsOnly(first.queueId());
        return new MessageQueueRef(topic, first.brokerName(), first.queueId());
    }
}
