package io.couriermq.ha;

import io.couriermq.store.AppendResult;
import io.couriermq.store.MessageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.couriermq.ha.TestStores.append;
import static io.couriermq.ha.TestStores.appendMany;
import static io.couriermq.ha.TestStores.bodies;
import static io.couriermq.ha.TestStores.checksum;
import static io.couriermq.ha.TestStores.config;
import static io.couriermq.ha.TestStores.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** A slave over real TCP copies the master's log byte for byte, keeps up with it, and resumes after breaks. */
@Timeout(120)
class ReplicationTest {

    @TempDir
    Path dir;

    @AfterEach
    void noReplicationThreadOutlivesItsTest() {
        assertThat(TestStores.replicationThreads()).isEmpty();
    }

    @Test
    void aSlaveCatchesUpFromEmptyAndStaysInSyncWhileTheMasterAppends() throws Exception {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            appendMany(masterStore, "before-", 400);
            ReplicationConfig config = config().build();
            try (ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(), config);
                 ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(), master::localAddress,
                         config)) {
                eventually().until(() -> master.status().inSyncSlaves() == 1);
                AtomicReference<Throwable> producerFailure = new AtomicReference<>();
                Thread producer = new Thread(() -> produceInSync(masterStore, master, producerFailure),
                        "test-producer");
                producer.start();
                producer.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(producer.isAlive()).isFalse();
                assertThat(producerFailure.get()).isNull();

                long end = masterStore.replicationLog().endOffset();
                eventually().until(() -> slaveStore.replicationLog().endOffset() == end);
                assertThat(checksum(slaveStore.replicationLog())).isEqualTo(checksum(masterStore.replicationLog()));
                eventually().until(() -> master.status().slaves().get(0).lagBytes() == 0);
                ReplicationStatus.Replica replica = master.status().slaves().get(0);
                assertThat(replica.connected()).isTrue();
                assertThat(replica.inSync()).isTrue();
                assertThat(replica.ackedOffset()).isEqualTo(end);
                assertThat(replica.lagTime()).isZero();
                assertThat(replica.slaveId()).isEqualTo(config.slaveId());
                SlaveStatus slaveStatus = slave.status();
                assertThat(slaveStatus.connected()).isTrue();
                assertThat(slaveStatus.lastHandshake()).isEqualTo(HandshakeStatus.OK);
                assertThat(slaveStatus.masterAddress()).isEqualTo(master.localAddress());
            }
            eventually().until(() -> slaveStore.stats().dispatchedOffset() == slaveStore.replicationLog().endOffset());
            // the master's consume queues are built by its own dispatcher, which may still be behind its log
            eventually().until(() -> masterStore.stats().dispatchedOffset() == masterStore.replicationLog().endOffset());
            for (int queue = 0; queue < 3; queue++) {
                assertThat(bodies(slaveStore, "t", queue)).hasSizeGreaterThan(500)
                        .isEqualTo(bodies(masterStore, "t", queue));
            }
            assertThat(slaveStore.queryByKey("t", "key-during-1234", 0, Long.MAX_VALUE, 5)).hasSize(1);
        }
    }

    /** Appends while the slave streams, waiting for the slave's acknowledgement every hundred messages. */
    private static void produceInSync(MessageStore store, ReplicationMaster master,
                                      AtomicReference<Throwable> failure) {
        try {
            for (int i = 0; i < 1500; i++) {
                AppendResult result = append(store, "t", i % 3, "during-" + i, 50 + i % 700);
                if (i % 100 == 99) {
                    master.awaitReplicated(result.endOffset()).get(10, TimeUnit.SECONDS);
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    @Test
    void aSlaveThatReconnectsResumesFromItsOffset() {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            appendMany(masterStore, "first-", 300);
            ReplicationConfig config = config().build();
            try (ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(), config)) {
                long firstEnd = masterStore.replicationLog().endOffset();
                try (ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(),
                        master::localAddress, config)) {
                    eventually().until(() -> slave.status().endOffset() == firstEnd);
                }
                eventually().until(() -> !master.status().slaves().get(0).connected());
                appendMany(masterStore, "second-", 300);
                long secondEnd = masterStore.replicationLog().endOffset();
                try (ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(),
                        master::localAddress, config)) {
                    eventually().until(() -> slave.status().endOffset() == secondEnd);
                    eventually().until(() -> master.status().slaves().get(0).ackedOffset() == secondEnd);
                    assertThat(master.status().slaves()).as("the departed entry is replaced, not duplicated")
                            .hasSize(1);
                }
            }
            assertThat(checksum(slaveStore.replicationLog())).isEqualTo(checksum(masterStore.replicationLog()));
            eventually().until(() -> slaveStore.stats().dispatchedOffset() == slaveStore.replicationLog().endOffset());
            eventually().until(() -> masterStore.stats().dispatchedOffset() == masterStore.replicationLog().endOffset());
            for (int queue = 0; queue < 3; queue++) {
                assertThat(bodies(slaveStore, "t", queue)).hasSize(200).isEqualTo(bodies(masterStore, "t", queue));
            }
        }
    }

    @Test
    void aSlaveHoldingTheFirstBytesOfARecordResumesWithTheRest() {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            AppendResult tenth = appendMany(masterStore, "m-", 10);
            appendMany(masterStore, "more-", 50);
            long midRecord = tenth.endOffset() + 30;
            TestStores.copy(masterStore.replicationLog(), slaveStore.replicationLog(), midRecord);
            assertThat(slaveStore.replicationLog().receivedOffset()).isEqualTo(midRecord);
            assertThat(slaveStore.replicationLog().endOffset()).isEqualTo(tenth.endOffset());
            ReplicationConfig config = config().build();
            try (ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(), config);
                 ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(), master::localAddress,
                         config)) {
                long end = masterStore.replicationLog().endOffset();
                eventually().until(() -> slave.status().endOffset() == end);
                assertThat(slave.status().lastError()).isNull();
            }
            assertThat(checksum(slaveStore.replicationLog())).isEqualTo(checksum(masterStore.replicationLog()));
        }
    }

    @Test
    void aSlaveFollowsTheMasterToItsNewAddressAfterARestart() {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            appendMany(masterStore, "first-", 200);
            ReplicationConfig config = config().build();
            AtomicReference<InetSocketAddress> masterAddress = new AtomicReference<>();
            ReplicationMaster first = ReplicationMaster.start(masterStore.replicationLog(), config);
            masterAddress.set(first.localAddress());
            try (ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(), masterAddress::get,
                    config)) {
                eventually().until(() -> slave.status().endOffset() == masterStore.replicationLog().endOffset());
                first.close();
                eventually().until(() -> !slave.status().connected() && slave.status().lastError() != null);
                assertThat(slave.status().lastError()).contains(first.localAddress().toString());

                appendMany(masterStore, "second-", 200);
                try (ReplicationMaster second = ReplicationMaster.start(masterStore.replicationLog(), config)) {
                    masterAddress.set(second.localAddress());
                    long end = masterStore.replicationLog().endOffset();
                    eventually().until(() -> slave.status().endOffset() == end && slave.status().connected());
                    assertThat(slave.status().masterAddress()).isEqualTo(second.localAddress());
                }
            }
            assertThat(checksum(slaveStore.replicationLog())).isEqualTo(checksum(masterStore.replicationLog()));
        }
    }

    @Test
    void aSlaveMovesToTheMasterItsSupplierNamesWhileConnected() {
        try (MessageStore oldMasterStore = TestStores.open(dir.resolve("old-master"));
             MessageStore newMasterStore = TestStores.open(dir.resolve("new-master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            appendMany(oldMasterStore, "old-", 100);
            TestStores.copy(oldMasterStore.replicationLog(), newMasterStore.replicationLog(),
                    oldMasterStore.replicationLog().endOffset());
            ReplicationConfig config = config().build();
            try (ReplicationMaster oldMaster = ReplicationMaster.start(oldMasterStore.replicationLog(), config);
                 ReplicationMaster newMaster = ReplicationMaster.start(newMasterStore.replicationLog(), config)) {
                AtomicReference<InetSocketAddress> masterAddress = new AtomicReference<>(oldMaster.localAddress());
                try (ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(), masterAddress::get,
                        config)) {
                    eventually().until(() -> slave.status().endOffset() == oldMasterStore.replicationLog().endOffset());

                    masterAddress.set(newMaster.localAddress());
                    appendMany(newMasterStore, "new-", 100);

                    long end = newMasterStore.replicationLog().endOffset();
                    eventually().until(() -> slave.status().endOffset() == end);
                    assertThat(slave.status().masterAddress()).isEqualTo(newMaster.localAddress());
                    assertThat(slave.status().lastError()).as("a move is not a failure").isNull();
                    eventually().until(() -> !oldMaster.status().slaves().get(0).connected());
                }
            }
            assertThat(checksum(slaveStore.replicationLog())).isEqualTo(checksum(newMasterStore.replicationLog()));
        }
    }

    @Test
    void closingTheMasterStopsItsThreadsAndDisconnectsItsSlaves() {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            appendMany(masterStore, "m-", 50);
            ReplicationConfig config = config().build();
            ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(), config);
            try (ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(), master::localAddress,
                    config)) {
                eventually().until(() -> master.status().inSyncSlaves() == 1);
                CompletableFuture<Void> pending = master.awaitReplicated(masterStore.replicationLog().endOffset()
                        + 1_000_000);

                master.close();

                assertThat(TestStores.replicationThreads()).allMatch(name -> name.equals("courier-ha-slave"));
                assertThat(pending).isCompletedExceptionally();
                assertThat(reason(pending)).isEqualTo(ReplicationException.Reason.CLOSED);
                assertThat(reason(master.awaitReplicated(1))).isEqualTo(ReplicationException.Reason.CLOSED);
                eventually().until(() -> !slave.status().connected());
                master.close();
            }
        }
    }

    @Test
    void aSlaveWaitsForAMasterAddressAndReportsThatItHasNone() {
        try (MessageStore slaveStore = TestStores.open(dir.resolve("slave"));
             ReplicationSlave slave = ReplicationSlave.start(slaveStore.replicationLog(), () -> null,
                     config().build())) {
            eventually().until(() -> slave.status().lastError() != null);
            assertThat(slave.status().lastError()).isEqualTo("no master address known");
            assertThat(slave.status().connected()).isFalse();
            assertThat(slave.status().masterAddress()).isNull();
        }
    }

    static ReplicationException.Reason reason(CompletableFuture<Void> future) {
        assertThat(future).isCompletedExceptionally();
        Throwable cause = future.handle((ok, failure) -> failure).join();
        assertThat(cause).isInstanceOf(ReplicationException.class);
        return ((ReplicationException) cause).reason();
    }
}
