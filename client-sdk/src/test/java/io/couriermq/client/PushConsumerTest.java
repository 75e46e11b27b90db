package io.couriermq.client;

import io.couriermq.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.couriermq.client.ProducerAndSimpleConsumerTest.body;
import static io.couriermq.client.ProducerAndSimpleConsumerTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Push consumers against a real NameServer and two brokers: acks, redelivery, FIFO order, dead letters, the cache.
 * A push consumer works on its own once built, so the tests only hold it open ("try" warnings suppressed).
 */
@SuppressWarnings("try")
class PushConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TestCluster cluster;
    private static ClientConfig config;

    @BeforeAll
    static void startCluster() {
        cluster = Clusters.start(PushConsumerTest.class, 2);
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
    void aSuccessfulListenerConsumesEveryMessageOnceAndTheBrokerSeesThemAcknowledged() {
        String topic = Clusters.unique("push");
        String group = Clusters.unique("group");
        List<SendReceipt> receipts = sendBatches(topic, 10, 10);
        assertThat(receipts).extracting(SendReceipt::brokerName).as("messages on both brokers")
                .contains("broker-a", "broker-b");
        Set<String> sent = ids(receipts);
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        try (PushConsumer consumer = PushConsumer.builder(config).group(group).subscribe(topic, "*")
                .listener(message -> {
                    attempts.merge(message.messageId(), message.deliveryAttempt(), Math::max);
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(PATIENCE).until(() -> attempts.keySet().containsAll(sent));
            await().atMost(PATIENCE).until(() -> BrokerAdmin.unsettled(cluster, group) == 0);
        }
        assertThat(attempts.keySet()).isEqualTo(sent);
        assertThat(attempts.values()).as("nothing was redelivered").containsOnly(1);
    }

    @Test
    void failedAndThrowingListenersGetTheMessageAgainAfterTheBackoff() {
        String topic = Clusters.unique("push-retry");
        String group = Clusters.unique("group");
        Set<String> sent = ids(sendBatches(topic, 1, 6));
        Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        try (PushConsumer consumer = PushConsumer.builder(config).group(group).subscribe(topic, "*")
                .listener(message -> {
                    attempts.computeIfAbsent(message.messageId(), id -> new CopyOnWriteArrayList<>())
                            .add(message.deliveryAttempt());
                    if (message.deliveryAttempt() > 1) {
                        return ConsumeResult.SUCCESS;
                    }
                    if (calls.incrementAndGet() % 2 == 0) {
                        throw new IllegalStateException("a listener bug");
                    }
                    return ConsumeResult.FAILURE;
                }).build()) {
            await().atMost(PATIENCE).until(() -> sent.stream()
                    .allMatch(id -> attempts.getOrDefault(id, List.of()).contains(2)));
            await().atMost(PATIENCE).until(() -> BrokerAdmin.unsettled(cluster, group) == 0);
        }
        assertThat(attempts.keySet()).isEqualTo(sent);
        assertThat(attempts.values()).allSatisfy(seen -> assertThat(seen).containsExactly(1, 2));
    }

    @Test
    void aFifoGroupConsumesEachMessageGroupInOrderRetryingInPlace() {
        String topic = Clusters.unique("fifo");
        String group = Clusters.unique("fifo-group");
        BrokerAdmin.createGroup(cluster, group, 16, true);
        int perGroup = 20;
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            for (int i = 0; i < perGroup; i++) {
                for (String messageGroup : List.of("order-1", "order-2")) {
                    producer.send(Message.builder().topic(topic).messageGroup(messageGroup)
                            .body((messageGroup + ":" + i).getBytes(StandardCharsets.UTF_8)).build());
                }
            }
        }
        Map<String, List<Integer>> consumed = new ConcurrentHashMap<>();
        Map<String, List<Integer>> succeeded = new ConcurrentHashMap<>();
        List<Integer> attemptsOfRetried = new CopyOnWriteArrayList<>();
        try (PushConsumer consumer = PushConsumer.builder(config).group(group).subscribe(topic, "*")
                .listener(message -> {
                    String[] parts = body(message).split(":");
                    int sequence = Integer.parseInt(parts[1]);
                    assertThat(message.messageGroup()).contains(parts[0]);
                    consumed.computeIfAbsent(parts[0], g -> new CopyOnWriteArrayList<>()).add(sequence);
                    if (parts[0].equals("order-1") && sequence == 5) {
                        attemptsOfRetried.add(message.deliveryAttempt());
                        if (message.deliveryAttempt() == 1) {
                            return ConsumeResult.FAILURE;
                        }
                    }
                    succeeded.computeIfAbsent(parts[0], g -> new CopyOnWriteArrayList<>()).add(sequence);
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(PATIENCE).until(() -> succeeded.values().stream().mapToInt(List::size).sum()
                    == 2 * perGroup);
            await().atMost(PATIENCE).until(() -> BrokerAdmin.unsettled(cluster, group) == 0);
        }
        List<Integer> inOrder = new ArrayList<>();
        for (int i = 0; i < perGroup; i++) {
            inOrder.add(i);
        }
        assertThat(succeeded.get("order-1")).isEqualTo(inOrder);
        assertThat(succeeded.get("order-2")).isEqualTo(inOrder);
        List<Integer> withRetry = new ArrayList<>(inOrder);
        withRetry.add(5, 5);
        assertThat(consumed.get("order-1")).as("the failed message is retried before the next one")
                .isEqualTo(withRetry);
        assertThat(attemptsOfRetried).containsExactly(1, 2);
    }

    @Test
    void aFifoMessageOutOfAttemptsGoesToTheDeadLetterQueueAndTheGroupMovesOn() {
        String topic = Clusters.unique("fifo-dlq");
        String group = Clusters.unique("fifo-group");
        BrokerAdmin.createGroup(cluster, group, 1, true);
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            for (String body : List.of("poison", "after-1", "after-2")) {
                producer.send(Message.builder().topic(topic).messageGroup("g")
                        .body(body.getBytes(StandardCharsets.UTF_8)).build());
            }
        }
        List<String> calls = new CopyOnWriteArrayList<>();
        try (PushConsumer consumer = PushConsumer.builder(config).group(group).subscribe(topic, "*")
                .listener(message -> {
                    calls.add(body(message) + "#" + message.deliveryAttempt());
                    return body(message).equals("poison") ? ConsumeResult.FAILURE : ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(PATIENCE).until(() -> calls.contains("after-2#1"));
            await().atMost(PATIENCE).until(() -> BrokerAdmin.messagesIn(cluster, "%DLQ%" + group) == 1);
            await().atMost(PATIENCE).until(() -> BrokerAdmin.unsettled(cluster, group) == 0);
        }
        assertThat(calls).containsExactly("poison#1", "poison#2", "after-1#1", "after-2#1");
    }

    @Test
    void receivingPausesWhileTheCacheIsFull() throws InterruptedException {
        String topic = Clusters.unique("push-cache");
        String group = Clusters.unique("group");
        Set<String> sent = ids(sendBatches(topic, 2, 10));
        CountDownLatch release = new CountDownLatch(1);
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        try (PushConsumer consumer = PushConsumer.builder(config).group(group).subscribe(topic, "*")
                .consumptionThreads(1).maxCachedMessages(4)
                .listener(message -> {
                    try {
                        if (!release.await(60, TimeUnit.SECONDS)) {
                            return ConsumeResult.FAILURE;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ConsumeResult.FAILURE;
                    }
                    consumed.add(message.messageId());
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(PATIENCE).until(() -> BrokerAdmin.inFlight(cluster, group) == 4);
            await("no more than the cache holds is received").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5)).until(() -> BrokerAdmin.inFlight(cluster, group) == 4);
            release.countDown();
            await().atMost(PATIENCE).until(() -> consumed.containsAll(sent));
        }
        assertThat(consumed).isEqualTo(sent);
    }

    private static List<SendReceipt> sendBatches(String topic, int batches, int batchSize) {
        List<SendReceipt> receipts = new ArrayList<>();
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            for (int b = 0; b < batches; b++) {
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < batchSize; i++) {
                    batch.add(message(topic, "m-" + b + "-" + i, null));
                }
                receipts.addAll(producer.sendBatch(batch));
            }
        }
        return receipts;
    }

    private static Set<String> ids(List<SendReceipt> receipts) {
        return receipts.stream().map(SendReceipt::messageId).collect(Collectors.toSet());
    }
}
