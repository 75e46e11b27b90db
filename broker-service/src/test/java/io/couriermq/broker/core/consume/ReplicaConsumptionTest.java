package io.couriermq.broker.core.consume;

import io.couriermq.broker.MutableClock;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.store.ByteSize;
import io.couriermq.store.FlushMode;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.ReplicationLog;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.TagFilter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumption on a slave whose store is a replica of a master's: it picks up the master's progress from the
 * replicated journal, keeps its own acknowledgements without writing its log, and keeps both across a crash.
 */
class ReplicaConsumptionTest {

    private static final Duration INVISIBLE = Duration.ofSeconds(30);
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void aSlaveContinuesFromTheMastersProgressAndKeepsItsOwnAcksAcrossACrash() throws Exception {
        MessageStore masterStore = store("master", false);
        ConsumptionService master = consumption(masterStore, "master", ProgressJournal.inStore(masterStore));
        for (int i = 0; i < 10; i++) {
            masterStore.append(Message.of(TOPIC, 0, Map.of(), ("m" + i).getBytes(StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);
        }
        awaitDispatched(masterStore);
        ackAll(master, receive(master, 3));
        MessageStore slaveStore = store("slave", true);
        copy(masterStore.replicationLog(), slaveStore.replicationLog());
        awaitDispatched(slaveStore);

        ConsumptionService slave = slaveConsumption(slaveStore);
        assertThat(slave.committedOffset(GROUP, TOPIC, 0)).as("the master's acks, replicated").isEqualTo(3);
        List<Delivery> onSlave = receive(slave, 10);
        assertThat(offsets(onSlave)).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
        ackAll(slave, onSlave.subList(0, 4));
        assertThat(slave.committedOffset(GROUP, TOPIC, 0)).isEqualTo(7);
        assertThat(slaveStore.replicationLog().endOffset()).as("nothing written to the replica's log")
                .isEqualTo(masterStore.replicationLog().endOffset());

        ConsumptionService afterCrash = slaveConsumption(slaveStore);
        assertThat(afterCrash.committedOffset(GROUP, TOPIC, 0)).isEqualTo(7);
        assertThat(offsets(receive(afterCrash, 10))).as("in flight before the crash, so delivered again")
                .containsExactly(7L, 8L, 9L);
    }

    @Test
    void theMastersAcksArrivingLaterFinishWhatTheSlaveHasInFlightAndSnapshotsCutTheSlavesFile() throws Exception {
        MessageStore masterStore = store("master", false);
        ConsumptionService master = consumption(masterStore, "master", ProgressJournal.inStore(masterStore));
        for (int i = 0; i < 6; i++) {
            masterStore.append(Message.of(TOPIC, 0, Map.of(), ("m" + i).getBytes(StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);
        }
        MessageStore slaveStore = store("slave", true);
        copy(masterStore.replicationLog(), slaveStore.replicationLog());
        awaitDispatched(slaveStore);
        ConsumptionService slave = slaveConsumption(slaveStore);
        List<Delivery> onSlave = receive(slave, 10);
        ackAll(slave, onSlave.subList(0, 2));
        assertThat(Files.size(dir.resolve("slave-config").resolve("acks.log"))).isPositive();

        ackAll(master, receive(master, 6));
        copy(masterStore.replicationLog(), slaveStore.replicationLog());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slave.committedOffset(GROUP, TOPIC, 0) == 6);
        clock.advance(INVISIBLE.plusSeconds(1));
        assertThat(receive(slave, 10)).as("acknowledged on the master: not redelivered by the slave").isEmpty();

        slave.snapshot();
        assertThat(Files.size(dir.resolve("slave-config").resolve("acks.log"))).as("covered by the snapshot")
                .isZero();
        assertThat(slaveConsumption(slaveStore).committedOffset(GROUP, TOPIC, 0)).isEqualTo(6);
    }

    @Test
    void aHalfWrittenLastLineIsCutWhenTheFileIsOpened() throws Exception {
        Path file = dir.resolve("acks.log");
        Files.writeString(file, "A\tg\tt\t0\t5\nA\tg\tt\t0\t6\nA\tg\tt");
        List<ConsumerJournal.Entry> entries = new ArrayList<>();

        try (ReplicaAckLog log = ReplicaAckLog.open(file, true)) {
            log.append(List.of(new ConsumerJournal.Entry(ConsumerJournal.Entry.ACK, "g", "t", 0, 7)));
            log.replay(entries::add);
        }

        assertThat(entries).extracting(ConsumerJournal.Entry::offset).containsExactly(5L, 6L, 7L);
    }

    private ConsumptionService slaveConsumption(MessageStore slaveStore) {
        return consumption(slaveStore, "slave", ProgressJournal.onReplica(slaveStore,
                dir.resolve("slave-config").resolve("acks.log"), FlushMode.SYNC_FLUSH));
    }

    private ConsumptionService consumption(MessageStore store, String name, ProgressJournal journal) {
        Path configDir = dir.resolve(name + "-config");
        TopicRegistry topics = TopicRegistry.load(configDir);
        topics.put(TopicConfig.of(TOPIC, 1, TopicMessageType.NORMAL));
        topics.getOrCreate(TopicNames.CONSUMER_JOURNAL_TOPIC,
                TopicConfig.of(TopicNames.CONSUMER_JOURNAL_TOPIC, 1, TopicMessageType.NORMAL));
        LongPolling longPolling = new LongPolling(scheduler, scheduler);
        ConsumptionService consumption = new ConsumptionService(store, longPolling, topics,
                GroupRegistry.load(configDir, true), journal, configDir, clock, client -> true, 10_000);
        consumption.recover();
        consumption.start(scheduler, Duration.ofHours(1));
        open.add(journal);
        return consumption;
    }

    private MessageStore store(String name, boolean replica) {
        MessageStore store = MessageStore.open(StoreConfig.builder(dir.resolve(name))
                .commitLogSegmentSize(ByteSize.ofMebibytes(1)).maxMessageSize(ByteSize.ofKibibytes(64))
                .consumeQueueSegmentEntries(1000).indexHashSlots(1000).indexEntriesPerFile(4000)
                .replica(replica).build());
        open.add(store);
        return store;
    }

    private static List<Delivery> receive(ConsumptionService consumption, int max) throws Exception {
        return consumption.receive(new ReceiveRequest(GROUP, TOPIC, 0, max, TagFilter.all(), INVISIBLE, false,
                Duration.ZERO, "client-1", null)).get(5, TimeUnit.SECONDS);
    }

    private static void ackAll(ConsumptionService consumption, List<Delivery> deliveries) throws Exception {
        for (Delivery delivery : deliveries) {
            consumption.acknowledge(GROUP, TOPIC, List.of(delivery.handle().encode())).get(0).get(5, TimeUnit.SECONDS);
        }
    }

    private static List<Long> offsets(List<Delivery> deliveries) {
        return deliveries.stream().map(delivery -> delivery.message().queueOffset()).toList();
    }

    /** Ships the master's new log bytes to the replica, as the replicator does. */
    private static void copy(ReplicationLog source, ReplicationLog target) {
        long offset = target.receivedOffset();
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        while (offset < source.endOffset()) {
            chunk.clear();
            int read = source.read(offset, chunk);
            chunk.flip();
            target.append(offset, chunk);
            offset += read;
        }
    }

    private static void awaitDispatched(MessageStore store) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> store.stats().dispatchedOffset() == store.replicationLog().endOffset());
    }
}
