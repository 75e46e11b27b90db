package io.couriermq.tools;

import io.couriermq.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The courier client commands (send, receive, bench) in-process against a real NameServer and broker. */
class CourierClusterTest {

    @TempDir
    static Path workDir;

    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.builder(workDir).brokers(1).start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSentMessageIsReceivedWithItsTagKeysAndBody() {
        String topic = "courier-send";
        assertThat(CommandRun.mqadmin("updateTopic", "-n", cluster.nameServerAddress(), "-c", "DefaultCluster",
                "-t", topic).exitCode()).isZero();

        CommandRun send = CommandRun.courier("send", "-n", cluster.nameServerAddress(), "-t", topic,
                "-p", "hello courier", "-c", "TagA", "-k", "order-1 order-2");
        assertThat(send.exitCode()).as(send.toString()).isZero();
        String messageId = send.out().strip();
        assertThat(messageId).matches("01[0-9A-F]{32}");

        CommandRun receive = CommandRun.courier("receive", "-n", cluster.nameServerAddress(), "-t", topic,
                "-g", "courier-reader", "--count", "1");
        assertThat(receive.exitCode()).as(receive.toString()).isZero();
        assertThat(receive.out()).contains(messageId, "tag=TagA", "keys=order-1 order-2", "attempt=1", "hello courier");
    }

    @Test
    void receiveGivesUpWithAnErrorWhenTooFewMessagesCome() {
        String topic = "courier-empty";
        assertThat(CommandRun.mqadmin("updateTopic", "-n", cluster.nameServerAddress(), "-c", "DefaultCluster",
                "-t", topic).exitCode()).isZero();

        CommandRun receive = CommandRun.courier("receive", "-n", cluster.nameServerAddress(), "-t", topic,
                "-g", "courier-reader", "--count", "1", "--wait", "2s");

        assertThat(receive.exitCode()).as(receive.toString()).isEqualTo(1);
        assertThat(receive.err()).contains("received 0 of 1 messages");
    }

    @Test
    void benchSendsAndConsumesEveryMessageOfEachPhaseAndRemovesItsTopics() {
        CommandRun bench = CommandRun.courier("bench", "-n", cluster.nameServerAddress(), "--messages", "400",
                "--warmup", "100", "--in-flight", "8", "--time-limit", "60s");

        assertThat(bench.exitCode()).as(bench.toString()).isZero();
        List<String> rows = bench.out().lines().toList();
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("send (consumer running)"))
                .anySatisfy(row -> assertThat(row).startsWith("send (no consumer)"))
                .anySatisfy(row -> assertThat(row).startsWith("end-to-end delivery"))
                .anySatisfy(row -> assertThat(row).startsWith("consume backlog"));
        assertThat(bench.out()).doesNotContain("INCOMPLETE");
        CommandRun topics = CommandRun.mqadmin("topicList", "-n", cluster.nameServerAddress());
        assertThat(topics.out()).doesNotContain("bench-");
    }
}
