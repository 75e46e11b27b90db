package io.couriermq.broker.ha;

import io.couriermq.broker.core.produce.SendException;
import io.couriermq.ha.ReplicationConfig;
import io.couriermq.ha.ReplicationException;
import io.couriermq.store.AppendResult;
import io.couriermq.store.ByteSize;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles over real stores and real TCP: what each acknowledges, and when. */
class BrokerReplicationTest {

    @TempDir
    Path dir;

    private final ExecutorService completions = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopExecutor() {
        completions.shutdownNow();
    }

    @Test
    void aSyncMastersSendCompletesOnceItsSlaveHoldsTheMessage() throws Exception {
        ReplicationConfig config = config();
        try (MessageStore masterStore = MessageStore.open(storeConfig("master", false));
             MessageStore slaveStore = MessageStore.open(storeConfig("slave", true));
             MasterReplication master = MasterReplication.start(masterStore, config, true, "127.0.0.1", completions);
             SlaveReplication slave = SlaveReplication.start(slaveStore, config, master.haAddress(), Optional::empty,
                     "broker-a (brokerId 1)")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> master.status().inSyncSlaves() == 1);

            for (int i = 0; i < 50; i++) {
                AppendResult sent = master.appender().append(message("m" + i)).get(10, TimeUnit.SECONDS);
                assertThat(slaveStore.replicationLog().endOffset()).isGreaterThanOrEqualTo(sent.endOffset());
            }
            assertThat(master.sync()).isTrue();
            assertThat(slave.status().connected()).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> slaveStore.maxOffset("t", 0) == 50);
        }
    }

    @Test
    void aSyncMasterWithoutSlaveFailsTheSendWithNoSlaveButKeepsTheMessage() throws Exception {
        try (MessageStore masterStore = MessageStore.open(storeConfig("master", false));
             MasterReplication master = MasterReplication.start(masterStore, config(), true, "127.0.0.1",
                     completions)) {
            CompletableFuture<AppendResult> sent = master.appender().append(message("alone"));

            Throwable failure = sent.handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
            assertThat(failure).hasRootCauseInstanceOf(ReplicationException.class);
            assertThat(((ReplicationException) rootCause(failure)).reason())
                    .isEqualTo(ReplicationException.Reason.NO_SLAVE);
            Awaitility.await("stored on the master all the same").atMost(Duration.ofSeconds(10))
                    .until(() -> masterStore.maxOffset("t", 0) == 1);
        }
    }

    @Test
    void anAsyncMasterAcknowledgesWithoutSlaves() throws Exception {
        try (MessageStore masterStore = MessageStore.open(storeConfig("master", false));
             MasterReplication master = MasterReplication.start(masterStore, config(), false, "127.0.0.1",
                     completions)) {
            assertThat(master.appender().append(message("async")).get(10, TimeUnit.SECONDS).queueOffset()).isZero();
            assertThat(master.sync()).isFalse();
            assertThat(master.haAddress()).startsWith("127.0.0.1:").doesNotEndWith(":0");
        }
    }

    @Test
    void aSlaveRefusesSendsAsNotWritableAndWaitsForAMasterAddress() throws Exception {
        try (MessageStore slaveStore = MessageStore.open(storeConfig("slave", true));
             SlaveReplication slave = SlaveReplication.start(slaveStore, config(), "", Optional::empty,
                     "broker-a (brokerId 1)")) {
            Throwable failure = slave.appender().append(message("to a slave")).handle((ok, e) -> e)
                    .get(10, TimeUnit.SECONDS);

            assertThat(failure).isInstanceOfSatisfying(SendException.class, e -> {
                assertThat(e.reason()).isEqualTo(SendException.Reason.NOT_WRITABLE);
                assertThat(e.getMessage()).contains("broker-a (brokerId 1) is a SLAVE");
            });
            assertThat(slave.haAddress()).isEmpty();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slave.status().lastError() != null);
            assertThat(slave.status().lastError()).isEqualTo("no master address known");
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ReplicationConfig config() {
        return ReplicationConfig.builder().listenAddress(new InetSocketAddress("127.0.0.1", 0))
                .heartbeatInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofSeconds(2))
                .reconnectBackoff(Duration.ofMillis(100)).syncTimeout(Duration.ofSeconds(5)).build();
    }

    private StoreConfig storeConfig(String name, boolean replica) {
        return StoreConfig.builder(dir.resolve(name)).commitLogSegmentSize(ByteSize.ofMebibytes(1))
                .maxMessageSize(ByteSize.ofKibibytes(64)).consumeQueueSegmentEntries(1000).indexHashSlots(1000)
                .indexEntriesPerFile(4000).replica(replica).build();
    }

    private static Message message(String body) {
        return Message.of("t", 0, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
