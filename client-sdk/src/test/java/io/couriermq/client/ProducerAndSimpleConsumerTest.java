package io.couriermq.client;

import apache.rocketmq.v2.Code;
import io.couriermq.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Producer and simple consumer against a real NameServer and two brokers. */
class ProducerAndSimpleConsumerTest {

    private static final Duration INVISIBLE = Duration.ofSeconds(2);
    private static TestCluster cluster;
    private static ClientConfig config;

    @BeforeAll
    static void startCluster() {
        cluster = Clusters.start(ProducerAndSimpleConsumerTest.class, 2);
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
    void syncAsyncAndBatchSendsAreReceivedAndAcknowledgedExactlyOnce() {
        String topic = Clusters.unique("plain");
        Map<String, String> sent = new HashMap<>();
        Set<String> brokers = new HashSet<>();
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            for (int i = 0; i < 5; i++) {
                SendReceipt receipt = producer.send(message(topic, "sync-" + i, null));
                assertThat(receipt.messageId()).matches("01[0-9A-F]{32}");
                brokers.add(receipt.brokerName());
                sent.put(receipt.messageId(), "sync-" + i);
            }
            List<CompletableFuture<SendReceipt>> pending = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pending.add(producer.sendAsync(message(topic, "async-" + i, null)));
            }
            for (int i = 0; i < 5; i++) {
                SendReceipt receipt = pending.get(i).join();
                brokers.add(receipt.brokerName());
                sent.put(receipt.messageId(), "async-" + i);
            }
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(message(topic, "batch-" + i, null));
            }
            List<SendReceipt> receipts = producer.sendBatch(batch);
            assertThat(receipts).hasSize(10);
            assertThat(receipts).extracting(SendReceipt::queueId).as("one request, one queue").containsOnly(
                    receipts.get(0).queueId());
            assertThat(receipts).extracting(SendReceipt::queueOffset).isSorted().doesNotHaveDuplicates();
            for (int i = 0; i < 10; i++) {
                sent.put(receipts.get(i).messageId(), "batch-" + i);
            }
        }
        assertThat(sent).hasSize(20);
        assertThat(brokers).as("11 requests take turns over 16 queues of two brokers")
                .containsExactlyInAnyOrder("broker-a", "broker-b");

        try (SimpleConsumer consumer = simpleConsumer(Clusters.unique("group"), topic, "*")) {
            Map<String, String> received = receiveAndAckAll(consumer, sent.size());
            assertThat(received).isEqualTo(sent);
            assertNothingMoreArrives(consumer);
        }
    }

    @Test
    void tagExpressionsFilterOnTheBroker() {
        String topic = Clusters.unique("tags");
        Map<String, String> wanted = new HashMap<>();
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            for (String tag : new String[] {"TagA", "TagB", "TagC", null}) {
                for (int i = 0; i < 3; i++) {
                    String body = tag + "-" + i;
                    SendReceipt receipt = producer.send(message(topic, body, tag));
                    if ("TagA".equals(tag) || "TagB".equals(tag)) {
                        wanted.put(receipt.messageId(), body);
                    }
                }
            }
        }
        try (SimpleConsumer consumer = simpleConsumer(Clusters.unique("group"), topic, "TagA || TagB")) {
            assertThat(receiveAndAckAll(consumer, wanted.size())).isEqualTo(wanted);
            assertNothingMoreArrives(consumer);
        }
    }

    @Test
    void aMessageNotAcknowledgedInTimeComesBackWithItsAttemptCounted() {
        String topic = Clusters.unique("redeliver");
        String id;
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            id = producer.send(message(topic, "again", null)).messageId();
        }
        try (SimpleConsumer consumer = simpleConsumer(Clusters.unique("group"), topic, "*")) {
            MessageView first = receiveOne(consumer);
            assertThat(first.messageId()).isEqualTo(id);
            assertThat(first.deliveryAttempt()).isEqualTo(1);
            assertThat(first.corrupted()).isFalse();

            MessageView second = receiveOne(consumer);
            assertThat(second.messageId()).isEqualTo(id);
            assertThat(second.deliveryAttempt()).isEqualTo(2);

            assertThatThrownBy(() -> consumer.ack(first)).as("the first delivery was superseded")
                    .isInstanceOfSatisfying(ClientException.class,
                            e -> assertThat(e.code()).isEqualTo(Code.INVALID_RECEIPT_HANDLE_VALUE));
            consumer.ack(second);
            assertNothingMoreArrives(consumer);
        }
    }

    @Test
    void acksIssuedTogetherSettleEachMessageOnItsOwn() {
        String topic = Clusters.unique("acks");
        int count = 60;
        try (Producer producer = Producer.builder(config).topics(topic).build();
             SimpleConsumer consumer = simpleConsumer(Clusters.unique("group"), topic, "*")) {
            producer.send(message(topic, "first", null));
            MessageView superseded = receiveOne(consumer);
            // held long enough that it cannot come back a third time while the rest is received
            MessageView redelivered = receiveOne(consumer, Duration.ofSeconds(120));
            assertThat(redelivered.messageId()).isEqualTo(superseded.messageId());
            List<Message> more = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                more.add(message(topic, "m" + i, null));
            }
            producer.sendBatch(more);
            List<MessageView> received = new ArrayList<>(List.of(redelivered));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                received.addAll(consumer.receive(32, Duration.ofSeconds(30)));
                return received.size() >= count;
            });
            assertThat(received).extracting(MessageView::messageId).doesNotHaveDuplicates();

            CompletableFuture<Void> staleAck = consumer.ackAsync(superseded);
            List<CompletableFuture<Void>> acks = received.stream().map(consumer::ackAsync).toList();

            assertThat(staleAck).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(ClientException.class,
                            e -> assertThat(e.code()).isEqualTo(Code.INVALID_RECEIPT_HANDLE_VALUE));
            assertThat(acks).allSatisfy(ack -> assertThat(ack).succeedsWithin(Duration.ofSeconds(10)));
            assertNothingMoreArrives(consumer);
        }
    }

    @Test
    void changeInvisibleDurationHandsTheMessageBackAndKeepsItAcknowledgeable() {
        String topic = Clusters.unique("invisible");
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            producer.send(message(topic, "kept", null));
            producer.send(message(topic, "returned", null));
        }
        try (SimpleConsumer consumer = simpleConsumer(Clusters.unique("group"), topic, "*")) {
            List<MessageView> both = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                both.addAll(consumer.receive(2, Duration.ofSeconds(30)));
                return both.size() == 2;
            });
            MessageView kept = both.stream().filter(m -> body(m).equals("kept")).findFirst().orElseThrow();
            MessageView returned = both.stream().filter(m -> body(m).equals("returned")).findFirst().orElseThrow();

            consumer.changeInvisibleDuration(kept, Duration.ofSeconds(60));
            consumer.ack(kept);
            consumer.changeInvisibleDuration(returned, Duration.ofSeconds(1));

            MessageView back = receiveOne(consumer);
            assertThat(body(back)).isEqualTo("returned");
            assertThat(back.deliveryAttempt()).isEqualTo(2);
            consumer.ack(back);
        }
    }

    @Test
    void badInputFailsWithTheProtocolsCodes() {
        assertThatThrownBy(() -> Message.builder().topic("t").body(new byte[0]).build())
                .isInstanceOfSatisfying(ClientException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.MESSAGE_BODY_EMPTY_VALUE));
        assertThatThrownBy(() -> Producer.builder(config).topics("no spaces allowed").build())
                .as("the NameServer refuses the route query")
                .isInstanceOfSatisfying(ClientException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.ILLEGAL_TOPIC_VALUE));
        String topic = Clusters.unique("limits");
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            byte[] tooLarge = new byte[4 * 1024 * 1024 + 1];
            assertThatThrownBy(() -> producer.send(Message.builder().topic(topic).body(tooLarge).build()))
                    .isInstanceOfSatisfying(ClientException.class,
                            e -> assertThat(e.code()).isEqualTo(Code.MESSAGE_BODY_TOO_LARGE_VALUE));
            assertThatThrownBy(() -> producer.send(Message.builder().topic("rmq_sys_reserved").body(new byte[1])
                    .build())).as("the broker refuses system topics")
                    .isInstanceOfSatisfying(ClientException.class,
                            e -> assertThat(e.code()).isEqualTo(Code.ILLEGAL_TOPIC_VALUE));
            assertThatThrownBy(() -> producer.sendBatch(List.of(message(topic, "a", null),
                    message(Clusters.unique("other"), "b", null))))
                    .isInstanceOfSatisfying(ClientException.class,
                            e -> assertThat(e.code()).isEqualTo(Code.BAD_REQUEST_VALUE));
        }
        try (SimpleConsumer consumer = simpleConsumer(Clusters.unique("group"), topic, "*")) {
            assertThatThrownBy(() -> consumer.receive(1, Duration.ofMillis(10)))
                    .as("the broker refuses invisible durations under 1 s")
                    .isInstanceOfSatisfying(ClientException.class,
                            e -> assertThat(e.code()).isEqualTo(Code.ILLEGAL_INVISIBLE_TIME_VALUE));
        }
    }

    @Test
    void clientsWorkOverTls() {
        ClientConfig tls = ClientConfig.builder().endpoints(cluster.nameServerAddress()).tls(true).build();
        String topic = Clusters.unique("tls");
        String id;
        try (Producer producer = Producer.builder(tls).topics(topic).build()) {
            id = producer.send(message(topic, "secret", null)).messageId();
        }
        try (SimpleConsumer consumer = SimpleConsumer.builder(tls).group(Clusters.unique("group"))
                .subscribe(topic, "*").awaitDuration(Duration.ofSeconds(1)).build()) {
            MessageView message = receiveOne(consumer);
            assertThat(message.messageId()).isEqualTo(id);
            assertThat(body(message)).isEqualTo("secret");
            consumer.ack(message);
        }
    }

    @Test
    @SuppressWarnings("try")
    void closingEveryKindOfClientStopsAllItsThreads() {
        String topic = Clusters.unique("threads");
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            producer.send(message(topic, "x", null));
            try (SimpleConsumer simple = simpleConsumer(Clusters.unique("group"), topic, "*");
                 PushConsumer push = PushConsumer.builder(config).group(Clusters.unique("group"))
                         .subscribe(topic, "*").listener(message -> ConsumeResult.SUCCESS).build();
                 PullConsumer pull = PullConsumer.builder(config).group(Clusters.unique("group")).build()) {
                assertThat(pull.queues(topic)).isNotEmpty();
                assertThat(Clusters.clientThreads()).isNotEmpty();
            }
        }
        Clusters.assertNoClientThreadsLeft();
    }

    private static SimpleConsumer simpleConsumer(String group, String topic, String expression) {
        return SimpleConsumer.builder(config).group(group).subscribe(topic, expression)
                .awaitDuration(Duration.ofSeconds(1)).build();
    }

    /** Receives until {@code count} messages arrived, acknowledging each; fails on a duplicate. */
    private static Map<String, String> receiveAndAckAll(SimpleConsumer consumer, int count) {
        Map<String, String> received = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (MessageView message : consumer.receive(32, INVISIBLE.multipliedBy(15))) {
                assertThat(received).as("received twice").doesNotContainKey(message.messageId());
                received.put(message.messageId(), body(message));
                consumer.ack(message);
            }
            return received.size() >= count;
        });
        return received;
    }

    private static MessageView receiveOne(SimpleConsumer consumer) {
        return receiveOne(consumer, INVISIBLE);
    }

    private static MessageView receiveOne(SimpleConsumer consumer, Duration invisible) {
        List<MessageView> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(consumer.receive(1, invisible));
            return !received.isEmpty();
        });
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    /** Receives from every broker for longer than the invisible time: nothing (acked or filtered) may show up. */
    private static void assertNothingMoreArrives(SimpleConsumer consumer) {
        long until = System.nanoTime() + INVISIBLE.plusSeconds(1).toNanos();
        while (System.nanoTime() < until) {
            assertThat(consumer.receive(32, INVISIBLE)).isEmpty();
        }
    }

    static Message message(String topic, String body, String tag) {
        Message.Builder builder = Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8))
                .keys("key-" + body).property("origin", "test");
        if (tag != null) {
            builder.tag(tag);
        }
        return builder.build();
    }

    static String body(MessageView message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
