package io.couriermq.compat;

import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.couriermq.compat.OfficialClients.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Delay messages from the official client: each reaches consumers at its delivery time, not before and within a
 * second after; and a topic for delay messages takes nothing else.
 */
class DelayMessageTest {

    /** How late a consumer may see a message: the broker's timer plus a long-poll wake-up and the client. */
    private static final long MAX_LATENESS_MILLIS = 1_000;

    @TempDir
    static Path workDir;

    private static TestCluster cluster;
    private static OfficialClients clients;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.builder(workDir).start();
        clients = new OfficialClients(cluster.nameServerAddress(), true);
        ClusterAdmin.createTopic(cluster, "Reminders", 2, "DELAY");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Message delayed(String topic, String body, long deliverAtMillis) {
        return OfficialClients.PROVIDER.newMessageBuilder().setTopic(topic)
                .setBody(body.getBytes(StandardCharsets.UTF_8)).setDeliveryTimestamp(deliverAtMillis).build();
    }

    @Test
    void delaysOfOneFiveAndSixtySecondsAreDeliveredOnTime() throws Exception {
        Map<String, Long> dueAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        try (SimpleConsumer consumer = clients.simpleConsumer("ReminderReader", "Reminders", "*");
             Producer producer = clients.producer("Reminders")) {
            long now = System.currentTimeMillis();
            for (long seconds : new long[] {1, 5, 60}) {
                String name = "in-" + seconds + "s";
                dueAt.put(name, now + seconds * 1000);
                producer.send(delayed("Reminders", name, now + seconds * 1000));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                    receivedAt.putIfAbsent(body(view), System.currentTimeMillis());
                    assertThat(view.getDeliveryTimestamp()).hasValue(dueAt.get(body(view)));
                    consumer.ack(view);
                }
                return receivedAt.size() == 3;
            });
        }
        dueAt.forEach((name, due) -> assertThat(receivedAt.get(name) - due).as(name + " lateness in ms")
                .isBetween(0L, MAX_LATENESS_MILLIS));
    }

    @Test
    void aDelayTopicTakesOnlyDelayMessages() throws Exception {
        try (Producer producer = clients.producer("Reminders")) {
            assertThatThrownBy(() -> producer.send(OfficialClients.message("Reminders", "plain", null)))
                    .hasMessageContaining("message type");
        }
    }
}
