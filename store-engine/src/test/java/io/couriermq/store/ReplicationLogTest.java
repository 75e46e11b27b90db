package io.couriermq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import static io.couriermq.store.TestStores.await;
import static io.couriermq.store.TestStores.eventually;
import static io.couriermq.store.TestStores.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replica fed a primary's raw bytes in arbitrary chunks ends up with the same log, queues and index. */
class ReplicationLogTest {

    @TempDir
    Path dir;

    @Test
    void aReplicaFedRawChunksHoldsTheSameLogQueuesAndIndex() {
        Random random = new Random(42);
        try (MessageStore primary = MessageStore.open(TestStores.small(dir.resolve("primary"), FlushMode.ASYNC_FLUSH).build());
             MessageStore replica = MessageStore.open(TestStores.small(dir.resolve("replica"), FlushMode.ASYNC_FLUSH).build())) {
            for (int i = 0; i < 300; i++) {
                await(primary.append(message("t", i % 3, "m" + i + "-" + "x".repeat(random.nextInt(900)), null, "key" + i)));
            }
            ReplicationLog source = primary.replicationLog();
            ReplicationLog target = replica.replicationLog();
            long copied = copy(source, target, random);

            assertThat(copied).isEqualTo(source.endOffset());
            assertThat(target.endOffset()).isEqualTo(source.endOffset());
            assertThat(target.checksum(0, target.endOffset())).isEqualTo(source.checksum(0, source.endOffset()));
            eventually().until(() -> replica.stats().dispatchedOffset() == target.endOffset());
            for (int q = 0; q < 3; q++) {
                assertThat(replica.getMessages("t", q, 0, 1000, TagFilter.all()).messages())
                        .extracting(TestStores::body)
                        .containsExactlyElementsOf(primary.getMessages("t", q, 0, 1000, TagFilter.all()).messages()
                                .stream().map(TestStores::body).toList());
            }
            assertThat(replica.queryByKey("t", "key123", 0, Long.MAX_VALUE, 5)).hasSize(1);
        }
    }

    @Test
    void aPartialRecordWaitsForTheRestAndIsCutOnRestart() {
        StoreConfig replicaConfig = TestStores.small(dir.resolve("replica"), FlushMode.ASYNC_FLUSH).build();
        long recordEnd;
        try (MessageStore primary = MessageStore.open(TestStores.small(dir.resolve("primary"), FlushMode.ASYNC_FLUSH).build());
             MessageStore replica = MessageStore.open(replicaConfig)) {
            recordEnd = await(primary.append(message("t", 0, "whole record", null))).endOffset();
            ByteBuffer bytes = ByteBuffer.allocate((int) recordEnd);
            primary.replicationLog().read(0, bytes);
            bytes.flip().limit(20);
            replica.replicationLog().append(0, bytes);
            assertThat(replica.replicationLog().endOffset()).isZero();
            assertThat(replica.replicationLog().receivedOffset()).isEqualTo(20);
        }
        try (MessageStore replica = MessageStore.open(replicaConfig)) {
            assertThat(replica.replicationLog().receivedOffset()).as("the partial record is cut on recovery").isZero();
            assertThat(replica.replicationLog().endOffset()).isZero();
        }
    }

    @Test
    void bytesThatAreNotRecordsOrAreOutOfPlaceAreRefused() {
        try (MessageStore replica = MessageStore.open(TestStores.small(dir, FlushMode.ASYNC_FLUSH).build())) {
            ReplicationLog log = replica.replicationLog();
            ByteBuffer garbage = ByteBuffer.allocate(200);
            new Random(1).nextBytes(garbage.array());
            garbage.putInt(0, 150);
            assertThatThrownBy(() -> log.append(0, garbage)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.code()).isEqualTo(StoreErrorCode.CORRUPT_RECORD));
            assertThat(log.endOffset()).isZero();
            assertThat(log.receivedOffset()).as("the bad bytes are forgotten, so a retry starts over").isZero();
            assertThatThrownBy(() -> log.append(12345, ByteBuffer.allocate(10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12345");
        }
    }

    @Test
    void checksumsTellIdenticalAndDivergentLogsApart() {
        try (MessageStore a = MessageStore.open(TestStores.small(dir.resolve("a"), FlushMode.ASYNC_FLUSH).build());
             MessageStore b = MessageStore.open(TestStores.small(dir.resolve("b"), FlushMode.ASYNC_FLUSH).build())) {
            await(a.append(message("t", 0, "same", null)));
            copy(a.replicationLog(), b.replicationLog(), new Random(3));
            long end = a.replicationLog().endOffset();
            assertThat(b.replicationLog().checksum(0, end)).isEqualTo(a.replicationLog().checksum(0, end));
            await(a.append(message("t", 0, "only on a", null)));
            await(b.append(message("t", 0, "only on b", null)));
            long longer = Math.min(a.replicationLog().endOffset(), b.replicationLog().endOffset());
            assertThat(b.replicationLog().checksum(0, longer)).isNotEqualTo(a.replicationLog().checksum(0, longer));
        }
    }

    @Test
    void aReplicaStoreRefusesAppendsOfItsOwnAndStillTakesReplicatedBytes() {
        try (MessageStore primary = MessageStore.open(TestStores.small(dir.resolve("primary"), FlushMode.ASYNC_FLUSH).build());
             MessageStore replica = MessageStore.open(TestStores.small(dir.resolve("replica"), FlushMode.ASYNC_FLUSH)
                     .replica(true).build())) {
            await(primary.append(message("t", 0, "from the primary", null)));

            assertThat(replica.append(message("t", 0, "of its own", null))).failsWithin(Duration.ZERO)
                    .withThrowableOfType(ExecutionException.class).havingCause()
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrorCode.READ_ONLY));
            copy(primary.replicationLog(), replica.replicationLog(), new Random(7));

            assertThat(replica.replicationLog().endOffset()).isEqualTo(primary.replicationLog().endOffset());
            eventually().until(() -> replica.maxOffset("t", 0) == 1);
        }
    }

    /** Ships everything from source to target in random chunk sizes, as a replicator would; returns the bytes. */
    private static long copy(ReplicationLog source, ReplicationLog target, Random random) {
        long offset = target.receivedOffset();
        while (offset < source.endOffset()) {
            ByteBuffer chunk = ByteBuffer.allocate(1 + random.nextInt(5000));
            int read = source.read(offset, chunk);
            chunk.flip();
            target.append(offset, chunk);
            offset += read;
        }
        return offset;
    }
}
