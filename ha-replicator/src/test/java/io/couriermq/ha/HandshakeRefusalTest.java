package io.couriermq.ha;

import io.couriermq.store.AppendResult;
import io.couriermq.store.FlushMode;
import io.couriermq.store.MessageStore;
import io.couriermq.store.ReplicationLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;

import static io.couriermq.ha.TestStores.append;
import static io.couriermq.ha.TestStores.appendMany;
import static io.couriermq.ha.TestStores.checksum;
import static io.couriermq.ha.TestStores.config;
import static io.couriermq.ha.TestStores.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The master refuses slaves it cannot continue, and the slave reports why and leaves its log as it was. */
@Timeout(120)
class HandshakeRefusalTest {

    @TempDir
    Path dir;

    @AfterEach
    void noReplicationThreadOutlivesItsTest() {
        assertThat(TestStores.replicationThreads()).isEmpty();
    }

    @Test
    void aSlaveWithDivergentBytesIsRefusedAndKeepsThem() {
        try (MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            appendMany(masterStore, "master-", 40);
            for (int i = 0; i < 10; i++) {
                append(slaveStore, "t", 0, "slave-only-" + i, 50);
            }
            assertThat(slaveStore.replicationLog().endOffset()).isLessThan(masterStore.replicationLog().endOffset());

            SlaveStatus status = refusal(masterStore, slaveStore, HandshakeStatus.DIVERGED);

            assertThat(status.lastError()).contains("DIVERGED", "logs forked", "left untouched");
        }
    }

    @Test
    void aSlaveAheadOfTheMasterIsRefused() {
        try (MessageStore oldMaster = TestStores.open(dir.resolve("old-master"));
             MessageStore masterStore = TestStores.open(dir.resolve("master"));
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            AppendResult tenth = appendMany(oldMaster, "m-", 10);
            appendMany(oldMaster, "more-", 10);
            TestStores.copy(oldMaster.replicationLog(), slaveStore.replicationLog(),
                    oldMaster.replicationLog().endOffset());
            TestStores.copy(oldMaster.replicationLog(), masterStore.replicationLog(), tenth.endOffset());

            SlaveStatus status = refusal(masterStore, slaveStore, HandshakeStatus.SLAVE_AHEAD);

            assertThat(status.lastError()).contains("SLAVE_AHEAD", "master startOffset=0, endOffset="
                    + tenth.endOffset());
        }
    }

    @Test
    void anEmptySlaveOfAMasterWhoseOldSegmentsAreDeletedIsRefused() throws Exception {
        ZonedDateTime deleteHour = ZonedDateTime.now(ZoneOffset.UTC).plusDays(2).withHour(4);
        try (MessageStore masterStore = MessageStore.open(TestStores.small(dir.resolve("master"))
                .flushMode(FlushMode.ASYNC_FLUSH)
                .clock(Clock.fixed(deleteHour.toInstant(), ZoneOffset.UTC))
                .deleteHours(Set.of(4))
                .fileReservedTime(Duration.ofHours(1))
                .diskCleanRatio(1.0)
                .diskRefuseWritesRatio(1.0)
                .retentionCheckInterval(Duration.ofHours(1))
                .build());
             MessageStore slaveStore = TestStores.open(dir.resolve("slave"))) {
            appendMany(masterStore, "m-", 400);
            long end = masterStore.replicationLog().endOffset();
            eventually().until(() -> masterStore.stats().dispatchedOffset() == end);
            assertThat(masterStore.runRetention()).isPositive();
            assertThat(masterStore.replicationLog().startOffset()).isPositive();

            SlaveStatus status = refusal(masterStore, slaveStore, HandshakeStatus.SLAVE_BEHIND_RETENTION);

            assertThat(status.lastError()).contains("SLAVE_BEHIND_RETENTION", "reseed");
        }
    }

    /** Connects a slave, waits for the refusal, and checks that the slave's log did not change. */
    private static SlaveStatus refusal(MessageStore masterStore, MessageStore slaveStore, HandshakeStatus expected) {
        ReplicationLog slaveLog = slaveStore.replicationLog();
        long endBefore = slaveLog.endOffset();
        int checksumBefore = checksum(slaveLog);
        ReplicationConfig config = config().build();
        try (ReplicationMaster master = ReplicationMaster.start(masterStore.replicationLog(), config);
             ReplicationSlave slave = ReplicationSlave.start(slaveLog, master::localAddress, config)) {
            eventually().until(() -> slave.status().lastHandshake() == expected);
            SlaveStatus status = slave.status();
            assertThat(status.connected()).isFalse();
            assertThat(status.lastError()).isNotNull();
            assertThat(master.status().slaves()).as("a refused slave never counts as connected").isEmpty();
            assertThat(slaveLog.endOffset()).isEqualTo(endBefore);
            assertThat(slaveLog.receivedOffset()).isEqualTo(endBefore);
            assertThat(checksum(slaveLog)).isEqualTo(checksumBefore);
            Instant firstRefusal = status.lastErrorTime();
            eventually().until(() -> slave.status().lastErrorTime().isAfter(firstRefusal));
            assertThat(slave.status().lastHandshake()).as("it retried and was refused again").isEqualTo(expected);
            return status;
        }
    }
}
