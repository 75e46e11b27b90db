package io.couriermq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.couriermq.store.TestStores.await;
import static io.couriermq.store.TestStores.body;
import static io.couriermq.store.TestStores.eventually;
import static io.couriermq.store.TestStores.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of bad input gets a {@link StoreException} with the code that names it, and the store keeps
 * working afterwards and loses nothing it had accepted.
 */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void violationsOfLimitsAreRefusedWithTheirCodes() {
        try (MessageStore store = MessageStore.open(TestStores.small(dir, FlushMode.ASYNC_FLUSH).build())) {
            AppendResult before = await(store.append(message("t", 0, "before", null)));
            assertRefused(store, Message.of("t", 0, Map.of(), new byte[16 * 1024 + 1]),
                    StoreErrorCode.MESSAGE_TOO_LARGE, "16385");
            assertRefused(store, Message.of("t", 0, Map.of(), new byte[0]), StoreErrorCode.MESSAGE_BODY_EMPTY, "empty");
            assertRefused(store, Message.of("", 0, Map.of(), oneByte()), StoreErrorCode.ILLEGAL_TOPIC, "1 to 127");
            assertRefused(store, Message.of("t".repeat(128), 0, Map.of(), oneByte()), StoreErrorCode.ILLEGAL_TOPIC, "128");
            assertRefused(store, Message.of("../etc", 0, Map.of(), oneByte()), StoreErrorCode.ILLEGAL_TOPIC, "index 0");
            assertRefused(store, Message.of("t", -1, Map.of(), oneByte()), StoreErrorCode.ILLEGAL_QUEUE_ID, "-1");
            assertRefused(store, Message.of("t", 1024, Map.of(), oneByte()), StoreErrorCode.ILLEGAL_QUEUE_ID, "1024");
            assertRefused(store, Message.of("t", 0, Map.of("k", "v".repeat(5000)), oneByte()),
                    StoreErrorCode.PROPERTIES_TOO_LARGE, "maxPropertiesSize");
            assertRefused(store, Message.of("t", 0, Map.of("k", "v".repeat(70_000)), oneByte()),
                    StoreErrorCode.PROPERTIES_TOO_LARGE, "65535");

            AppendResult after = await(store.append(message("t", 0, "after", null)));
            assertThat(after.queueOffset()).isEqualTo(before.queueOffset() + 1);
            eventually().until(() -> store.maxOffset("t", 0) == 2);
            assertThat(store.getMessages("t", 0, 0, 10, TagFilter.all()).messages()).extracting(TestStores::body)
                    .containsExactly("before", "after");
        }
    }

    @Test
    void tooManyAppendsInFlightAreRefusedAsBusyWithoutLosingTheAcceptedOnes() {
        StoreConfig config = TestStores.small(dir, FlushMode.SYNC_FLUSH).maxAppendsInFlight(1).build();
        try (MessageStore store = MessageStore.open(config)) {
            List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(store.append(message("t", 0, "m" + i, null)));
            }
            int busy = 0;
            int accepted = 0;
            for (CompletableFuture<AppendResult> future : futures) {
                try {
                    future.join();
                    accepted++;
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class);
                    assertThat(((StoreException) e.getCause()).code()).isEqualTo(StoreErrorCode.BUSY);
                    busy++;
                }
            }
            assertThat(busy).as("a SYNC_FLUSH append is in flight for a whole fsync").isPositive();
            assertThat(accepted).isPositive();
            long acceptedCount = accepted;
            eventually().until(() -> store.maxOffset("t", 0) == acceptedCount);
            assertThat(store.stats().appendsInFlight()).isZero();
            assertThat(await(store.append(message("t", 0, "later", null))).queueOffset()).isEqualTo(acceptedCount);
        }
    }

    @Test
    void aRecordDamagedOnDiskIsReportedByOffsetAndSkippedByQueueReads() throws Exception {
        StoreConfig config = TestStores.small(dir, FlushMode.ASYNC_FLUSH).build();
        List<AppendResult> results = new ArrayList<>();
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < 10; i++) {
                results.add(await(store.append(message("t", 0, "message-" + i, null))));
            }
        }
        AppendResult damaged = results.get(4);
        StoreFiles.overwriteLog(dir, damaged.endOffset() - 1, new byte[] {'#'});
        try (MessageStore store = MessageStore.open(config)) {
            assertThatThrownBy(() -> store.getMessage(damaged.physicalOffset()))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrorCode.CORRUPT_RECORD))
                    .hasMessageContaining("CRC");
            GetResult all = store.getMessages("t", 0, 0, 100, TagFilter.all());
            assertThat(all.messages()).extracting(TestStores::body).hasSize(9).doesNotContain("message-4");
            assertThat(all.nextOffset()).isEqualTo(10);
            assertThat(store.stats().corruptRecordsSkipped()).isEqualTo(1);
            assertThat(body(store.getMessage(results.get(5).physicalOffset()))).isEqualTo("message-5");
            assertThat(await(store.append(message("t", 0, "next", null))).queueOffset()).isEqualTo(10);
        }
    }

    @Test
    void unknownOffsetsAreReportedAsNotFound() {
        try (MessageStore store = MessageStore.open(TestStores.small(dir, FlushMode.ASYNC_FLUSH).build())) {
            AppendResult result = await(store.append(message("t", 0, "only", null)));
            assertThatThrownBy(() -> store.getMessage(result.endOffset()))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrorCode.OFFSET_NOT_FOUND));
            assertThatThrownBy(() -> store.getMessage(-5))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrorCode.OFFSET_NOT_FOUND));
            assertThatThrownBy(() -> store.getMessage(result.physicalOffset() + 1))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrorCode.CORRUPT_RECORD));
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        StoreConfig config = TestStores.small(dir, FlushMode.ASYNC_FLUSH).build();
        try (MessageStore store = MessageStore.open(config)) {
            assertThatThrownBy(() -> MessageStore.open(config))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrorCode.IO_ERROR))
                    .hasMessageContaining("in use");
            assertThat(await(store.append(message("t", 0, "still fine", null)))).isNotNull();
        }
    }

    @Test
    void appendsAfterCloseFailAsClosed() {
        MessageStore store = MessageStore.open(TestStores.small(dir, FlushMode.ASYNC_FLUSH).build());
        store.close();
        assertThatThrownBy(() -> await(store.append(message("t", 0, "late", null))))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrorCode.CLOSED));
    }

    @Test
    void aDiskFullerThanTheRefusalRatioRefusesAppendsButServesReads() throws Exception {
        StoreConfig config = TestStores.small(dir, FlushMode.ASYNC_FLUSH)
                .diskCleanRatio(0.000_001).diskRefuseWritesRatio(0.000_001).build();
        try (MessageStore store = MessageStore.open(config)) {
            AppendResult accepted = await(store.append(message("t", 0, "accepted", null)));
            store.runRetention();
            assertThatThrownBy(() -> await(store.append(message("t", 0, "refused", null))))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreErrorCode.DISK_FULL))
                    .hasMessageContaining("diskRefuseWritesRatio");
            assertThat(store.stats().writable()).isFalse();
            assertThat(body(store.getMessage(accepted.physicalOffset()))).isEqualTo("accepted");
        }
    }

    private static byte[] oneByte() {
        return "x".getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRefused(MessageStore store, Message message, StoreErrorCode code, String detail) {
        assertThatThrownBy(() -> store.append(message))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(detail);
    }
}
