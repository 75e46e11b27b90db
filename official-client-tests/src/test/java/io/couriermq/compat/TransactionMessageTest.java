package io.couriermq.compat;

import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.Transaction;
import org.apache.rocketmq.client.apis.producer.TransactionResolution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.couriermq.compat.OfficialClients.body;
import static io.couriermq.compat.OfficialClients.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Transactional messages from the official client: commit delivers once, rollback never; a transaction the
 * producer leaves open is resolved through its transaction checker, which the broker asks over the Telemetry
 * stream; one the checker cannot decide is rolled back after the last check. The broker checks after 2 s, every
 * 2 s, at most twice.
 */
class TransactionMessageTest {

    @TempDir
    static Path workDir;

    private static TestCluster cluster;
    private static OfficialClients clients;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.builder(workDir)
                .brokerArgument("--courier.broker.transactionTimeOut=2s")
                .brokerArgument("--courier.broker.transactionCheckInterval=2s")
                .brokerArgument("--courier.broker.transactionCheckMax=2")
                .start();
        clients = new OfficialClients(cluster.nameServerAddress(), true);
        ClusterAdmin.createTopic(cluster, "Payments", 2, "TRANSACTION");
        ClusterAdmin.createTopic(cluster, "Plain", 1, "NORMAL");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Receives until the consumer has seen {@code expected} messages, then makes sure no more come. */
    private static List<String> receiveAll(SimpleConsumer consumer, int expected) {
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                bodies.add(body(view));
                consumer.ack(view);
            }
            return bodies.size() >= expected;
        });
        return bodies;
    }

    @Test
    void aCommittedTransactionIsDeliveredOnceAndARolledBackOneNever() throws Exception {
        try (SimpleConsumer consumer = clients.simpleConsumer("PaymentsReader", "Payments", "*");
             Producer producer = clients.transactionalProducer(view -> TransactionResolution.UNKNOWN, "Payments")) {
            Transaction committed = producer.beginTransaction();
            producer.send(message("Payments", "committed", "pay"), committed);
            Transaction rolledBack = producer.beginTransaction();
            producer.send(message("Payments", "rolled back", "pay"), rolledBack);
            rolledBack.rollback();
            assertThat(consumer.receive(16, Duration.ofSeconds(30))).as("nothing before the commit").isEmpty();
            committed.commit();
            assertThat(receiveAll(consumer, 1)).containsExactly("committed");
            assertThat(consumer.receive(16, Duration.ofSeconds(30))).as("nothing else").isEmpty();
        }
    }

    @Test
    void theCheckerDecidesATransactionItsProducerLeftOpen() throws Exception {
        Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
        try (SimpleConsumer consumer = clients.simpleConsumer("OrphanReader", "Payments", "orphan");
             Producer producer = clients.transactionalProducer(view -> {
                 checks.computeIfAbsent(body(view), b -> new AtomicInteger()).incrementAndGet();
                 return body(view).startsWith("commit") ? TransactionResolution.COMMIT
                         : body(view).startsWith("rollback") ? TransactionResolution.ROLLBACK
                         : TransactionResolution.UNKNOWN;
             }, "Payments")) {
            for (String body : new String[] {"commit-me", "rollback-me", "undecided"}) {
                producer.send(message("Payments", body, "orphan"), producer.beginTransaction());
            }
            assertThat(receiveAll(consumer, 1)).containsExactly("commit-me");
            await().atMost(Duration.ofSeconds(30)).until(() -> ClusterAdmin.openTransactions(cluster.broker(0)) == 0);
            assertThat(consumer.receive(16, Duration.ofSeconds(30))).as("nothing else").isEmpty();
        }
        assertThat(checks.get("commit-me")).hasValue(1);
        assertThat(checks.get("rollback-me")).hasValue(1);
        assertThat(checks.get("undecided")).as("asked transactionCheckMax times, then rolled back").hasValue(2);
    }

    @Test
    void aTransactionalMessageFitsOnlyATransactionTopic() throws Exception {
        try (Producer producer = clients.transactionalProducer(view -> TransactionResolution.ROLLBACK, "Plain",
                "Payments")) {
            assertThatThrownBy(() -> producer.send(message("Plain", "in a tx", null), producer.beginTransaction()))
                    .hasMessageContaining("message type");
            assertThatThrownBy(() -> producer.send(message("Payments", "no tx", null)))
                    .hasMessageContaining("message type");
        }
    }
}
