package io.couriermq.compat;

import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.TransactionResolution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static io.couriermq.compat.OfficialClients.body;
import static io.couriermq.compat.OfficialClients.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delay messages and open transactions pending in a broker that stops, first cleanly and then by SIGKILL: after
 * each restart every delay message is delivered (none before its time) and every transaction is resolved by the
 * producer that stayed up, whose checker the broker asks once the producer has reconnected. The checker answers
 * only after the restart, so the transactions are certainly open across it.
 */
class PendingAcrossRestartTest {

    private static final int DELAYS = 12;
    private static final int TRANSACTIONS = 6;

    @TempDir
    Path workDir;

    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void delaysAndOpenTransactionsSurviveACleanRestartAndSigkill() throws Exception {
        cluster = TestCluster.builder(workDir)
                .brokerArgument("--courier.broker.transactionTimeOut=2s")
                .brokerArgument("--courier.broker.transactionCheckInterval=2s")
                .start();
        ClusterAdmin.createTopic(cluster, "Deferred", 2, "DELAY");
        ClusterAdmin.createTopic(cluster, "Settled", 2, "TRANSACTION");
        OfficialClients clients = new OfficialClients(cluster.nameServerAddress(), false);
        AtomicBoolean restarted = new AtomicBoolean();
        try (Producer producer = clients.producer("Deferred");
             Producer transactional = clients.transactionalProducer(view -> !restarted.get()
                     ? TransactionResolution.UNKNOWN
                     : body(view).startsWith("commit") ? TransactionResolution.COMMIT : TransactionResolution.ROLLBACK,
                     "Settled")) {
            List<String> clean = survive("clean", BrokerNode::stop, clients, producer, transactional, restarted);
            assertThat(clean).as("a clean stop repeats nothing").doesNotHaveDuplicates();
            restarted.set(false);
            List<String> killed = survive("killed", BrokerNode::kill, clients, producer, transactional, restarted);
            assertThat(killed).as("after SIGKILL, at least once").isNotEmpty();
        }
    }

    /** Leaves delays and transactions pending, restarts the broker, and returns the bodies consumed after. */
    private List<String> survive(String round, Consumer<BrokerNode> takeDown, OfficialClients clients,
                                 Producer producer, Producer transactional, AtomicBoolean restarted)
            throws Exception {
        Map<String, Long> dueAt = new HashMap<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < DELAYS; i++) {
            // Due from 4 s on, one a second: some fall due while the broker is down, some after it is back.
            long due = now + 4_000 + i * 1_000L;
            dueAt.put(round + "-d" + i, due);
            producer.send(DelayMessageTest.delayed("Deferred", round + "-d" + i, due));
        }
        Set<String> committed = new HashSet<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            String body = (i % 2 == 0 ? "commit-" : "rollback-") + round + i;
            transactional.send(message("Settled", body, null), transactional.beginTransaction());
            if (i % 2 == 0) {
                committed.add(body);
            }
        }
        BrokerNode broker = cluster.broker(0);
        takeDown.accept(broker);
        broker.start();
        restarted.set(true);
        ClusterAdmin.awaitRoute(cluster, "Deferred", 1);

        List<String> delays = new ArrayList<>();
        List<String> settled = new ArrayList<>();
        try (SimpleConsumer delayReader = clients.simpleConsumer("DeferredReader", "Deferred", "*");
             SimpleConsumer settledReader = clients.simpleConsumer("SettledReader", "Settled", "*")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (MessageView view : delayReader.receive(16, Duration.ofSeconds(30))) {
                    assertThat(System.currentTimeMillis()).as(body(view) + " not before its time")
                            .isGreaterThanOrEqualTo(dueAt.get(body(view)));
                    delays.add(body(view));
                    delayReader.ack(view);
                }
                for (MessageView view : settledReader.receive(16, Duration.ofSeconds(30))) {
                    settled.add(body(view));
                    settledReader.ack(view);
                }
                return delays.containsAll(dueAt.keySet()) && settled.containsAll(committed)
                        && ClusterAdmin.openTransactions(broker) == 0;
            });
            assertThat(settledReader.receive(16, Duration.ofSeconds(2))).as("no rolled back message").isEmpty();
        }
        assertThat(new HashSet<>(settled)).isEqualTo(committed);
        List<String> all = new ArrayList<>(delays);
        all.addAll(settled);
        return all;
    }
}
