package io.couriermq.client;

import io.couriermq.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Delay messages and transactions through the SDK against a real broker, which checks open transactions after
 * 1 s, every second, at most twice.
 */
class DelayAndTransactionTest {

    private static TestCluster cluster;
    private static ClientConfig config;

    @BeforeAll
    static void startCluster() {
        cluster = Clusters.start(DelayAndTransactionTest.class, 1,
                "--courier.broker.transactionTimeOut=1s", "--courier.broker.transactionCheckInterval=1s",
                "--courier.broker.transactionCheckMax=2");
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

    private static Message message(String topic, String body) {
        return Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String body(MessageView message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    private static SimpleConsumer consumer(String topic) {
        return SimpleConsumer.builder(config).group(Clusters.unique("group")).subscribe(topic, "*")
                .awaitDuration(Duration.ofSeconds(1)).build();
    }

    /** Receives and acknowledges until {@code count} messages came, then checks nothing else comes. */
    private static List<MessageView> receiveExactly(SimpleConsumer consumer, int count) {
        List<MessageView> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (MessageView message : consumer.receive(16, Duration.ofSeconds(30))) {
                received.add(message);
                consumer.ack(message);
            }
            return received.size() >= count;
        });
        assertThat(consumer.receive(16, Duration.ofSeconds(30))).as("nothing more").isEmpty();
        return received;
    }

    @Test
    void aDelayMessageArrivesAtItsDeliveryTime() {
        String topic = Clusters.unique("delayed");
        Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        try (Producer producer = Producer.builder(config).topics(topic).build();
             SimpleConsumer consumer = consumer(topic)) {
            producer.send(Message.builder().topic(topic).body("later".getBytes(StandardCharsets.UTF_8))
                    .deliveryTimestamp(due).build());
            List<MessageView> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                received.addAll(consumer.receive(16, Duration.ofSeconds(30)));
                return !received.isEmpty();
            });
            Instant arrived = Instant.now();
            assertThat(received).singleElement().satisfies(message -> {
                assertThat(message.deliveryTimestamp()).hasValue(due);
                consumer.ack(message);
            });
            assertThat(Duration.between(due, arrived)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Test
    void aCommittedTransactionIsDeliveredAndARolledBackOneIsNot() {
        String topic = Clusters.unique("tx");
        try (Producer producer = Producer.builder(config).topics(topic)
                .transactionChecker(message -> TransactionResolution.UNKNOWN).build();
             SimpleConsumer consumer = consumer(topic)) {
            Transaction committed = producer.beginTransaction();
            SendReceipt receipt = committed.send(message(topic, "committed"));
            Transaction rolledBack = producer.beginTransaction();
            rolledBack.send(message(topic, "rolled back"));
            rolledBack.rollback();
            assertThat(consumer.receive(16, Duration.ofSeconds(30))).as("held until commit").isEmpty();
            committed.commit();
            List<MessageView> received = receiveExactly(consumer, 1);
            assertThat(received.get(0).messageId()).isEqualTo(receipt.messageId());
            assertThat(body(received.get(0))).isEqualTo("committed");
            assertThatThrownBy(() -> committed.send(message(topic, "again"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theCheckerDecidesWhatTheProducerLeftOpen() {
        String topic = Clusters.unique("orphans");
        Map<String, Integer> asked = new ConcurrentHashMap<>();
        try (Producer producer = Producer.builder(config).topics(topic).transactionChecker(message -> {
                asked.merge(body(message), 1, Integer::sum);
                return switch (body(message)) {
                    case "commit" -> TransactionResolution.COMMIT;
                    case "rollback" -> TransactionResolution.ROLLBACK;
                    default -> TransactionResolution.UNKNOWN;
                };
            }).build();
             SimpleConsumer consumer = consumer(topic)) {
            for (String body : new String[] {"commit", "rollback", "unknown"}) {
                producer.beginTransaction().send(message(topic, body));
            }
            assertThat(receiveExactly(consumer, 1)).extracting(DelayAndTransactionTest::body)
                    .containsExactly("commit");
            await().atMost(Duration.ofSeconds(20)).until(() -> asked.getOrDefault("unknown", 0) == 2);
        }
        assertThat(asked).containsEntry("commit", 1).containsEntry("rollback", 1);
    }

    @Test
    void transactionsNeedACheckerAndTakeNeitherDelayNorFifoMessages() {
        String topic = Clusters.unique("misuse");
        try (Producer plain = Producer.builder(config).build()) {
            assertThatThrownBy(plain::beginTransaction).isInstanceOf(IllegalStateException.class);
        }
        try (Producer producer = Producer.builder(config).transactionChecker(m -> TransactionResolution.ROLLBACK)
                .build()) {
            Transaction transaction = producer.beginTransaction();
            assertThatThrownBy(() -> transaction.send(Message.builder().topic(topic).body(new byte[1])
                    .deliveryTimestamp(Instant.now().plusSeconds(5)).build()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(transaction::commit).isInstanceOf(IllegalStateException.class);
        }
    }
}
