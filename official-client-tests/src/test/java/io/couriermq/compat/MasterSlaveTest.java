package io.couriermq.compat;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.QueryRouteRequest;
import apache.rocketmq.v2.Resource;
import com.fasterxml.jackson.databind.JsonNode;
import io.couriermq.testing.BrokerNode;
import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.couriermq.compat.OfficialClients.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A SYNC_MASTER and its slave as real JVMs, driven by the official client: sends are acknowledged once the slave
 * holds them; replication shows in health and metrics; a slave refuses sends; a slave that is frozen (as behind a
 * network cut), killed, or wiped makes sync sends fail with the status that says so, and catches up when it comes
 * back. Each test leaves the slave running and in sync.
 */
class MasterSlaveTest {

    private static final String TOPIC = "Replicated";
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @TempDir
    static Path workDir;

    private static TestCluster cluster;
    private static BrokerNode master;
    private static BrokerNode slave;
    private static OfficialClients clients;

    @BeforeAll
    static void start() {
        cluster = TestCluster.builder(workDir).brokers(1).slaves(1).masterRole("SYNC_MASTER")
                .brokerArgument("--courier.broker.slaveTimeout=1s").start();
        master = cluster.broker(0);
        slave = cluster.slave(0);
        ClusterAdmin.createTopic(cluster, TOPIC, 2, "NORMAL");
        ClusterAdmin.awaitTopicOn(slave, TOPIC);
        clients = new OfficialClients(cluster.nameServerAddress(), true);
        awaitSlaveInSync();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void slaveIsBackInSync() {
        awaitSlaveInSync();
    }

    @Test
    void syncSendsReachTheSlaveAndReplicationShowsInHealthMetricsAndTheNameServer() throws Exception {
        long before = ClusterAdmin.messagesOn(slave, TOPIC);
        try (Producer producer = clients.producer(TOPIC)) {
            for (int i = 0; i < 100; i++) {
                producer.send(message(TOPIC, "sync-" + i, null));
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ClusterAdmin.messagesOn(slave, TOPIC) == before + 100);

        JsonNode onMaster = ClusterAdmin.replication(master);
        assertThat(onMaster.path("role").asText()).isEqualTo("SYNC_MASTER");
        assertThat(onMaster.path("slaves").get(0).path("slave").asText()).isEqualTo("broker-a/1");
        assertThat(onMaster.path("slaves").get(0).path("connected").asBoolean()).isTrue();
        JsonNode onSlave = ClusterAdmin.replication(slave);
        assertThat(onSlave.path("role").asText()).isEqualTo("SLAVE");
        assertThat(onSlave.path("connected").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(ClusterAdmin.prometheus(master))
                .contains("courier_ha_slave_connected{slave=\"broker-a/1\"} 1.0")
                .contains("courier_ha_slave_lag_bytes{slave=\"broker-a/1\"}")
                .contains("courier_ha_slave_lag_ms{slave=\"broker-a/1\"}"));
        assertThat(ClusterAdmin.prometheus(slave)).contains("courier_ha_master_connected 1.0");

        JsonNode brokers = ClusterAdmin.brokers(cluster.nameServerHttpUrl());
        assertThat(brokers.findValuesAsText("role")).containsExactlyInAnyOrder("SYNC_MASTER", "SLAVE");
        assertThat(brokers.findValuesAsText("haAddress")).contains(onMaster.path("haAddress").asText());
    }

    @Test
    void aSlaveRefusesSendsAndClientsAreRoutedToTheMaster() {
        try (RawV2 toSlave = new RawV2(slave.grpcAddress()); RawV2 nameServer = new RawV2(cluster.nameServerAddress())) {
            assertThat(toSlave.sendStatus(RawV2.message(TOPIC, 10).build())).isEqualTo(Code.FORBIDDEN);
            var route = nameServer.stub().queryRoute(QueryRouteRequest.newBuilder()
                    .setTopic(Resource.newBuilder().setName(TOPIC)).build());
            assertThat(route.getMessageQueuesList()).isNotEmpty().allSatisfy(queue -> assertThat(
                    queue.getBroker().getEndpoints().getAddresses(0).getPort() + "")
                    .isEqualTo(master.grpcAddress().split(":")[1]));
        }
    }

    @Test
    void aFrozenSlaveFailsSyncSendsWithSlavePersistenceTimeoutUntilItResumes() throws Exception {
        try (Producer producer = clients.producer(TOPIC)) {
            producer.send(message(TOPIC, "before the cut", null));
            slave.suspend();
            try {
                assertThatThrownBy(() -> producer.send(message(TOPIC, "during the cut", null)))
                        .isInstanceOf(ClientException.class)
                        .hasMessageContaining("response-code=" + Code.SLAVE_PERSISTENCE_TIMEOUT_VALUE);
            } finally {
                slave.resume();
            }
            await().atMost(CATCH_UP).ignoreExceptions()
                    .until(() -> producer.send(message(TOPIC, "after the cut", null)) != null);
        }
    }

    @Test
    void aKilledSlaveFailsSyncSendsWithHaNotAvailableAndCatchesUpAfterItRestarts() throws Exception {
        slave.kill();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ClusterAdmin.replication(master).path("inSyncSlaves").asInt() == 0);
        try (Producer producer = clients.producer(TOPIC); RawV2 toMaster = new RawV2(master.grpcAddress())) {
            assertThatThrownBy(() -> producer.send(message(TOPIC, "no slave", null)))
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("response-code=" + Code.HA_NOT_AVAILABLE_VALUE);
            for (int i = 0; i < 50; i++) {
                assertThat(toMaster.sendStatus(RawV2.message(TOPIC, 100).build())).isEqualTo(Code.HA_NOT_AVAILABLE);
            }
        }
        slave.start();
        awaitSlaveInSync();
        await().atMost(CATCH_UP).until(() -> ClusterAdmin.messagesOn(slave, TOPIC)
                == ClusterAdmin.messagesOn(master, TOPIC));
    }

    @Test
    void aSlaveWhoseFilesWereDeletedCopiesEverythingAgain() throws IOException {
        slave.stop();
        try (Stream<Path> files = Files.walk(slave.storeDir())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        assertThat(slave.storeDir()).doesNotExist();

        slave.start();

        awaitSlaveInSync();
        ClusterAdmin.awaitTopicOn(slave, TOPIC);
        await().atMost(CATCH_UP).until(() -> ClusterAdmin.messagesOn(slave, TOPIC)
                == ClusterAdmin.messagesOn(master, TOPIC));
        assertThat(ClusterAdmin.messagesOn(slave, TOPIC)).isPositive();
    }

    /** The slave is connected, counts for sync sends, and holds the master's whole log. */
    private static void awaitSlaveInSync() {
        await("slave in sync").atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            JsonNode onMaster = ClusterAdmin.replication(master);
            JsonNode onSlave = ClusterAdmin.replication(slave);
            return onMaster.path("inSyncSlaves").asInt() == 1 && onSlave.path("connected").asBoolean()
                    && onSlave.path("endOffset").asLong() == onMaster.path("masterEndOffset").asLong();
        });
    }
}
