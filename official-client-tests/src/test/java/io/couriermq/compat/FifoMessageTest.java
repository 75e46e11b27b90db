package io.couriermq.compat;

import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.couriermq.compat.OfficialClients.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FIFO messages from the official client on a FIFO topic consumed by a FIFO group: each message group comes out in
 * send order, one message at a time, across concurrent consumers and redeliveries, while different groups are
 * consumed side by side.
 */
class FifoMessageTest {

    private static final int MESSAGE_GROUPS = 4;
    private static final int PER_GROUP = 25;

    @TempDir
    static Path workDir;

    private static TestCluster cluster;
    private static OfficialClients clients;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.builder(workDir).start();
        clients = new OfficialClients(cluster.nameServerAddress(), true);
    }

    /** A FIFO topic and a FIFO consumer group of their own for each test: a new group reads a topic from its start. */
    private static void createTopicAndGroup(String topic, String consumerGroup) {
        ClusterAdmin.createTopic(cluster, topic, 4, "FIFO");
        ClusterAdmin.createGroup(cluster.broker(0), consumerGroup, 16, true);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Message inGroup(String topic, String messageGroup, String body) {
        return OfficialClients.PROVIDER.newMessageBuilder().setTopic(topic).setMessageGroup(messageGroup)
                .setBody(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Sends {@code perGroup} messages to each group, interleaved; returns each group's bodies in send order. */
    private static Map<String, List<String>> sendInterleaved(String topic, String prefix, int groups, int perGroup)
            throws Exception {
        Map<String, List<String>> sent = new HashMap<>();
        try (Producer producer = clients.producer(topic)) {
            for (int i = 0; i < perGroup; i++) {
                for (int g = 0; g < groups; g++) {
                    String group = prefix + "-g" + g;
                    String body = group + "#" + i;
                    producer.send(inGroup(topic, group, body));
                    sent.computeIfAbsent(group, k -> new ArrayList<>()).add(body);
                }
            }
        }
        return sent;
    }

    private static String groupOf(String body) {
        return body.substring(0, body.indexOf('#'));
    }

    @Test
    void eachGroupComesOutInSendOrderAcrossConcurrentConsumers() throws Exception {
        String topic = "Orders";
        String consumerGroup = "OrderReaders";
        createTopicAndGroup(topic, consumerGroup);
        Map<String, List<String>> sent = sendInterleaved(topic, "concurrent", MESSAGE_GROUPS, PER_GROUP);
        // A message is marked finished before its ack is sent: the broker may release the group's next message as
        // soon as the ack arrives, and the consumer that gets it must find its predecessor marked.
        Set<String> finished = ConcurrentHashMap.newKeySet();
        List<String> violations = new CopyOnWriteArrayList<>();
        List<Integer> groupsPerBatch = new CopyOnWriteArrayList<>();
        int total = MESSAGE_GROUPS * PER_GROUP;
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try (SimpleConsumer first = clients.simpleConsumer(consumerGroup, topic, "*");
             SimpleConsumer second = clients.simpleConsumer(consumerGroup, topic, "*")) {
            List<Future<?>> running = new ArrayList<>();
            for (SimpleConsumer consumer : List.of(first, second)) {
                running.add(consumers.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (finished.size() < total && System.nanoTime() < deadline) {
                        List<MessageView> batch = consumer.receive(16, Duration.ofSeconds(30));
                        Set<String> groupsInBatch = new HashSet<>();
                        for (MessageView view : batch) {
                            String body = body(view);
                            String group = groupOf(body);
                            groupsInBatch.add(group);
                            for (String earlier : sent.get(group)) {
                                if (earlier.equals(body)) {
                                    break;
                                }
                                if (!finished.contains(earlier)) {
                                    violations.add(body + " went out before " + earlier + " was acknowledged");
                                }
                            }
                            finished.add(body);
                            consumer.ack(view);
                        }
                        if (!batch.isEmpty()) {
                            groupsPerBatch.add(groupsInBatch.size());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> consumer : running) {
                consumer.get(150, TimeUnit.SECONDS);
            }
        } finally {
            consumers.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(finished).hasSize(total);
        assertThat(Collections.max(groupsPerBatch)).as("different message groups are handed out side by side")
                .isGreaterThan(1);
    }

    @Test
    void aRedeliveredMessageIsNotOvertakenByTheRestOfItsGroup() throws Exception {
        String topic = "Payments";
        String consumerGroup = "PatientReaders";
        createTopicAndGroup(topic, consumerGroup);
        Map<String, List<String>> sent = sendInterleaved(topic, "redelivered", 1, 3);
        List<String> order = sent.values().iterator().next();
        try (SimpleConsumer consumer = clients.simpleConsumer(consumerGroup, topic, "*")) {
            // invisible for longer than the next receive's long poll (2 s), so that one cannot see it come back
            MessageView firstTry = receiveOne(consumer, Duration.ofSeconds(6));
            assertThat(body(firstTry)).isEqualTo(order.get(0));
            assertThat(ClusterAdmin.messageGroupsInFlight(cluster.broker(0), consumerGroup)).isEqualTo(1);

            // Not acknowledged: until it comes back, nothing else of its group may go out.
            assertThat(consumer.receive(16, Duration.ofSeconds(30))).as("the group waits for its head").isEmpty();
            MessageView secondTry = receiveOne(consumer, Duration.ofSeconds(30));
            assertThat(body(secondTry)).isEqualTo(order.get(0));
            assertThat(secondTry.getDeliveryAttempt()).isEqualTo(2);
            consumer.ack(secondTry);

            for (String next : order.subList(1, order.size())) {
                MessageView view = receiveOne(consumer, Duration.ofSeconds(30));
                assertThat(body(view)).isEqualTo(next);
                assertThat(view.getDeliveryAttempt()).isEqualTo(1);
                consumer.ack(view);
            }
            assertThat(ClusterAdmin.messageGroupsInFlight(cluster.broker(0), consumerGroup)).isZero();
        }
    }

    @Test
    void aPushConsumerOfAFifoGroupConsumesEachGroupInOrder() throws Exception {
        String topic = "Shipments";
        String consumerGroup = "OrderListeners";
        createTopicAndGroup(topic, consumerGroup);
        Map<String, List<String>> consumed = new ConcurrentHashMap<>();
        try (PushConsumer consumer = clients.pushConsumer(consumerGroup, topic, view -> {
            String body = body(view);
            consumed.computeIfAbsent(groupOf(body), k -> new CopyOnWriteArrayList<>()).add(body);
            return ConsumeResult.SUCCESS;
        })) {
            Map<String, List<String>> sent = sendInterleaved(topic, "pushed", MESSAGE_GROUPS, PER_GROUP);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    consumed.values().stream().mapToInt(List::size).sum() >= MESSAGE_GROUPS * PER_GROUP);
            assertThat(consumed).isEqualTo(sent);
        }
    }

    /** Receives until exactly one message arrives within the await's bound. */
    private static MessageView receiveOne(SimpleConsumer consumer, Duration invisible) {
        List<MessageView> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(consumer.receive(1, invisible));
            return !received.isEmpty();
        });
        assertThat(received).hasSize(1);
        return received.get(0);
    }
}
