package io.couriermq.compat;

import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.SendReceipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.couriermq.compat.OfficialClients.body;
import static io.couriermq.compat.OfficialClients.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official RocketMQ 5 Java client, unchanged, against a NameServer and a broker: it is configured with the
 * NameServer's address only, as applications configure it, and speaks TLS as it does by default.
 */
class SendAndConsumeTest {

    @TempDir
    static Path workDir;

    private static TestCluster cluster;
    private static OfficialClients clients;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.builder(workDir).start();
        clients = new OfficialClients(cluster.nameServerAddress(), true);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void syncAndAsyncSendsAreReceivedAndAcknowledgedBySimpleConsumer() throws Exception {
        ClusterAdmin.createTopic(cluster, "Orders", 4, "NORMAL");
        Set<String> sent = new java.util.HashSet<>();
        try (Producer producer = clients.producer("Orders")) {
            for (int i = 0; i < 20; i++) {
                sent.add(producer.send(message("Orders", "sync-" + i, "TagA", "order-" + i)).getMessageId().toString());
            }
            List<CompletableFuture<SendReceipt>> async = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                async.add(producer.sendAsync(message("Orders", "async-" + i, "TagA")));
            }
            for (CompletableFuture<SendReceipt> receipt : async) {
                sent.add(receipt.get().getMessageId().toString());
            }
        }
        assertThat(sent).hasSize(40);

        Set<String> received = ConcurrentHashMap.newKeySet();
        try (SimpleConsumer consumer = clients.simpleConsumer("OrdersReader", "Orders", "*")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                    received.add(view.getMessageId().toString());
                    consumer.ack(view);
                }
                return received.size() >= 40;
            });
            assertThat(received).isEqualTo(sent);
            assertThat(consumer.receive(16, Duration.ofSeconds(30))).as("everything acknowledged").isEmpty();
        }
    }

    @Test
    void tagExpressionsSelectMessages() throws Exception {
        ClusterAdmin.createTopic(cluster, "Tagged", 2, "NORMAL");
        try (Producer producer = clients.producer("Tagged")) {
            for (int i = 0; i < 12; i++) {
                producer.send(message("Tagged", "m" + i, i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C"));
            }
        }
        List<String> bodies = new ArrayList<>();
        try (SimpleConsumer consumer = clients.simpleConsumer("TaggedReader", "Tagged", "A || C")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                    assertThat(view.getTag()).hasValueSatisfying(tag -> assertThat(tag).isIn("A", "C"));
                    bodies.add(body(view));
                    consumer.ack(view);
                }
                return bodies.size() >= 8;
            });
        }
        assertThat(bodies).containsExactlyInAnyOrder("m0", "m2", "m3", "m5", "m6", "m8", "m9", "m11");
    }

    @Test
    void anUnacknowledgedMessageIsDeliveredAgainAfterItsInvisibleTime() throws Exception {
        ClusterAdmin.createTopic(cluster, "Retried", 1, "NORMAL");
        try (Producer producer = clients.producer("Retried")) {
            producer.send(message("Retried", "again", null));
        }
        try (SimpleConsumer consumer = clients.simpleConsumer("RetriedReader", "Retried", "*")) {
            List<MessageView> first = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                first.addAll(consumer.receive(1, Duration.ofSeconds(2)));
                return !first.isEmpty();
            });
            assertThat(first.get(0).getDeliveryAttempt()).isEqualTo(1);
            List<MessageView> second = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                second.addAll(consumer.receive(1, Duration.ofSeconds(30)));
                return !second.isEmpty();
            });
            assertThat(second.get(0).getMessageId()).isEqualTo(first.get(0).getMessageId());
            assertThat(second.get(0).getDeliveryAttempt()).isEqualTo(2);
            consumer.ack(second.get(0));
        }
    }

    @Test
    void aMessageThatUsesUpItsAttemptsGoesToTheDeadLetterTopic() throws Exception {
        ClusterAdmin.createTopic(cluster, "Poison", 1, "NORMAL");
        ClusterAdmin.createGroup(cluster.broker(0), "PoisonReader", 1, false);
        String id;
        try (Producer producer = clients.producer("Poison")) {
            id = producer.send(message("Poison", "never acked", null)).getMessageId().toString();
        }
        AtomicInteger deliveries = new AtomicInteger();
        try (SimpleConsumer consumer = clients.simpleConsumer("PoisonReader", "Poison", "*")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                deliveries.addAndGet(consumer.receive(1, Duration.ofSeconds(1)).size());
                return ClusterAdmin.messagesOn(cluster.broker(0), "%DLQ%PoisonReader") == 1;
            });
        }
        assertThat(deliveries).as("retryMaxTimes=1 allows two deliveries").hasValue(2);
        try (SimpleConsumer dlqReader = clients.simpleConsumer("DlqInspector", "%DLQ%PoisonReader", "*")) {
            List<MessageView> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dead.addAll(dlqReader.receive(1, Duration.ofSeconds(30)));
                return !dead.isEmpty();
            });
            assertThat(dead.get(0).getMessageId().toString()).isEqualTo(id);
            assertThat(body(dead.get(0))).isEqualTo("never acked");
        }
    }

    @Test
    void pushConsumerConsumesEverythingAndRetriesFailures() throws Exception {
        ClusterAdmin.createTopic(cluster, "Pushed", 4, "NORMAL");
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        try (Producer producer = clients.producer("Pushed");
             PushConsumer consumer = clients.pushConsumer("PushedReader", "Pushed", view -> {
                 int attempt = attempts.merge(body(view), 1, Integer::sum);
                 // The first message fails once; the consumer nacks it and the broker redelivers it.
                 return body(view).equals("p0") && attempt == 1 ? ConsumeResult.FAILURE : ConsumeResult.SUCCESS;
             })) {
            for (int i = 0; i < 30; i++) {
                producer.send(message("Pushed", "p" + i, null));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> attempts.size() == 30 && attempts.get("p0") == 2);
        }
        assertThat(attempts.values()).containsOnly(1, 2);
        assertThat(attempts).containsEntry("p0", 2);
    }
}
