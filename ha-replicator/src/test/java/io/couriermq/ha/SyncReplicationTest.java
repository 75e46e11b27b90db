package io.couriermq.ha;

import io.couriermq.store.MessageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.couriermq.ha.ReplicationTest.reason;
import static io.couriermq.ha.TestStores.appendMany;
import static io.couriermq.ha.TestStores.config;
import static io.couriermq.ha.TestStores.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReplicationMaster#awaitReplicated}: completes on acknowledgement, fails fast or on time otherwise. */
@Timeout(120)
class SyncReplicationTest {

    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    @TempDir
    Path dir;

    @AfterEach
    void noReplicationThreadOutlivesItsTest() {
        assertThat(TestStores.replicationThreads()).isEmpty();
    }

    @Test
    void completesForAnOffsetTheSlaveAcknowledged() throws Exception {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            ReplicationConfig config = config().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
            try (ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(), config);
                 ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(), master::localAddress,
                         config)) {
                eventually().until(() -> master.status().inSyncSlaves() == 1 && slave.status().connected());
                long end = appendMany(masterStore, "m-", 20).endOffset();

                master.awaitReplicated(end).get(10, TimeUnit.SECONDS);

                assertThat(slaveStore.replicationLog().endOffset()).isGreaterThanOrEqualTo(end);
                ReplicationStatus status = master.status();
                assertThat(status.confirmedOffset()).isGreaterThanOrEqualTo(end);
                assertThat(status.slaves().get(0).ackedOffset()).isGreaterThanOrEqualTo(end);
                assertThat(status.slaves().get(0).lastAckTime()).isEqualTo(NOW);
                assertThat(master.awaitReplicated(end)).as("an offset already confirmed completes at once")
                        .isCompleted();
            }
        }
    }

    @Test
    void failsAtOnceWithNoSlaveWhenNoneIsConnected() {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(), config().build())) {
            long end = appendMany(masterStore, "m-", 5).endOffset();

            CompletableFuture<Void> future = master.awaitReplicated(end);

            assertThat(reason(future)).isEqualTo(ReplicationException.Reason.NO_SLAVE);
            assertThat(future.handle((ok, e) -> e.getMessage()).join()).contains("0 slave(s) in sync, 1 required");
        }
    }

    @Test
    void failsWithNoSlaveWhenTooFewSlavesAreConnected() throws Exception {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(),
                     config().minInSyncSlaves(2).build());
             SilentSlave slave = SilentSlave.connect(master.localAddress())) {
            assertThat(slave.reply().status()).isEqualTo(HandshakeStatus.OK);
            eventually().until(() -> master.status().slaves().size() == 1 && master.status().inSyncSlaves() == 1);

            assertThat(reason(master.awaitReplicated(1))).isEqualTo(ReplicationException.Reason.NO_SLAVE);
        }
    }

    @Test
    void failsWithTimeoutWhenTheSlaveStopsAcknowledging() throws Exception {
        Duration syncTimeout = Duration.ofMillis(300);
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(),
                     config().syncTimeout(syncTimeout).build());
             SilentSlave slave = SilentSlave.connect(master.localAddress())) {
            assertThat(slave.reply().status()).isEqualTo(HandshakeStatus.OK);
            eventually().until(() -> master.status().inSyncSlaves() == 1);
            long end = appendMany(masterStore, "m-", 5).endOffset();
            long start = System.nanoTime();

            CompletableFuture<Void> future = master.awaitReplicated(end);

            assertThat(future).isNotDone();
            eventually().until(future::isDone);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(syncTimeout);
            assertThat(reason(future)).isEqualTo(ReplicationException.Reason.TIMEOUT);
            ReplicationStatus.Replica replica = master.status().slaves().get(0);
            assertThat(replica.slaveId()).isEqualTo("silent");
            assertThat(replica.ackedOffset()).isZero();
            assertThat(replica.lagBytes()).isEqualTo(end);
            assertThat(replica.lagTime()).as("the writes are older than the sync timeout")
                    .isGreaterThanOrEqualTo(syncTimeout);
            assertThat(replica.inSync()).as("lag is far below maxInSyncLag").isTrue();
        }
    }

    @Test
    void aPendingWaitFailsWithNoSlaveAsSoonAsTheSlaveDisconnects() throws Exception {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(),
                     config().syncTimeout(Duration.ofMinutes(5)).build())) {
            CompletableFuture<Void> future;
            try (SilentSlave slave = SilentSlave.connect(master.localAddress())) {
                assertThat(slave.reply().status()).isEqualTo(HandshakeStatus.OK);
                eventually().until(() -> master.status().inSyncSlaves() == 1);
                future = master.awaitReplicated(appendMany(masterStore, "m-", 5).endOffset());
                assertThat(future).isNotDone();
            }
            eventually().until(future::isDone);
            assertThat(reason(future)).isEqualTo(ReplicationException.Reason.NO_SLAVE);
            eventually().until(() -> !master.status().slaves().get(0).connected());
        }
    }
}
