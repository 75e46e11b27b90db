package io.couriermq.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.couriermq.store.TestStores.await;
import static io.couriermq.store.TestStores.eventually;
import static io.couriermq.store.TestStores.body;
import static io.couriermq.store.TestStores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** End-to-end behaviour of the store's public API, run under both flush modes. */
class MessageStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    void appendsAreReadableByQueueOffsetAndPhysicalOffset(FlushMode mode) {
        try (MessageStore store = MessageStore.open(TestStores.small(dir, mode).build())) {
            List<AppendResult> results = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                results.add(await(store.append(message("orders", i % 3, "m" + i, "T" + (i % 2)))));
            }
            assertThat(results).extracting(AppendResult::queueOffset)
                    .startsWith(0L, 0L, 0L, 1L, 1L, 1L);
            assertThat(store.stats().logSegments()).as("500 records must roll 64 KiB segments").isGreaterThan(1);
            eventually().until(() -> store.maxOffset("orders", 0) == 167);

            GetResult read = store.getMessages("orders", 0, 0, 1000, TagFilter.all());
            assertThat(read.status()).isEqualTo(GetStatus.FOUND);
            assertThat(read.messages()).hasSize(167);
            for (int q = 0; q < read.messages().size(); q++) {
                assertThat(body(read.messages().get(q))).isEqualTo("m" + (q * 3));
                assertThat(read.messages().get(q).queueOffset()).isEqualTo(q);
            }
            assertThat(read.nextOffset()).isEqualTo(167);

            AppendResult last = results.get(499);
            StoredMessage byOffset = store.getMessage(last.physicalOffset());
            assertThat(body(byOffset)).isEqualTo("m499");
            assertThat(byOffset.storeTimestamp()).isEqualTo(last.storeTimestamp());
        }
    }

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    void tagFilterSkipsOtherTagsAndReportsWhereToContinue(FlushMode mode) {
        try (MessageStore store = MessageStore.open(TestStores.small(dir, mode).build())) {
            for (int i = 0; i < 30; i++) {
                await(store.append(message("t", 0, "m" + i, i % 3 == 0 ? "A" : (i % 3 == 1 ? "B" : null))));
            }
            eventually().until(() -> store.maxOffset("t", 0) == 30);
            GetResult onlyA = store.getMessages("t", 0, 0, 100, TagFilter.anyOf(Set.of("A")));
            assertThat(onlyA.messages()).extracting(TestStores::body)
                    .containsExactly("m0", "m3", "m6", "m9", "m12", "m15", "m18", "m21", "m24", "m27");
            GetResult aOrB = store.getMessages("t", 0, 0, 5, TagFilter.anyOf(Set.of("A", "B")));
            assertThat(aOrB.messages()).extracting(TestStores::body).containsExactly("m0", "m1", "m3", "m4", "m6");
            assertThat(aOrB.nextOffset()).isEqualTo(7);
            GetResult none = store.getMessages("t", 0, 0, 5, TagFilter.anyOf(Set.of("Z")));
            assertThat(none.status()).isEqualTo(GetStatus.NO_MATCHED_MESSAGE);
            assertThat(none.nextOffset()).isEqualTo(30);
        }
    }

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    void outOfRangeOffsetsSayWhereToRead(FlushMode mode) {
        try (MessageStore store = MessageStore.open(TestStores.small(dir, mode).build())) {
            assertThat(store.getMessages("nothing", 0, 0, 10, TagFilter.all()).status())
                    .isEqualTo(GetStatus.NO_SUCH_QUEUE);
            for (int i = 0; i < 5; i++) {
                await(store.append(message("t", 0, "m" + i, null)));
            }
            eventually().until(() -> store.maxOffset("t", 0) == 5);
            GetResult atEnd = store.getMessages("t", 0, 5, 10, TagFilter.all());
            assertThat(atEnd.status()).isEqualTo(GetStatus.NO_NEW_MESSAGE);
            GetResult past = store.getMessages("t", 0, 9, 10, TagFilter.all());
            assertThat(past.status()).isEqualTo(GetStatus.OFFSET_OVERFLOW);
            assertThat(past.nextOffset()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    void findsMessagesByIdAndByKey(FlushMode mode) {
        try (MessageStore store = MessageStore.open(TestStores.small(dir, mode).build())) {
            long before = System.currentTimeMillis() - 1000;
            for (int i = 0; i < 300; i++) {
                await(store.append(message(i % 2 == 0 ? "even" : "odd", 0, "m" + i, null, "k" + (i % 10), "all")));
            }
            eventually().until(() -> store.stats().dispatchedOffset() == store.stats().logWrittenOffset());
            long after = System.currentTimeMillis() + 1000;

            assertThat(store.queryById("ID-odd-m77")).get().extracting(TestStores::body).isEqualTo("m77");
            assertThat(store.queryById("ID-even-m77")).isEmpty();
            List<StoredMessage> k3 = store.queryByKey("odd", "k3", before, after, 100);
            assertThat(k3).extracting(TestStores::body).hasSize(30).allMatch(b -> b.endsWith("3"));
            assertThat(store.queryByKey("even", "k3", before, after, 100)).isEmpty();
            assertThat(store.queryByKey("even", "all", before, after, 7)).hasSize(7);
            assertThat(store.queryByKey("odd", "k3", after + 10_000, after + 20_000, 100)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    void cleanRestartKeepsEverythingAndContinuesQueueOffsets(FlushMode mode) {
        StoreConfig config = TestStores.small(dir, mode).build();
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < 400; i++) {
                await(store.append(message("t", i % 2, "m" + i, null, "key" + i)));
            }
        }
        try (MessageStore store = MessageStore.open(config)) {
            assertThat(store.recoveryReport().cleanShutdown()).isTrue();
            assertThat(store.recoveryReport().truncated()).isFalse();
            assertThat(store.recoveryReport().dispatchStartOffset())
                    .as("a clean restart has nothing to re-dispatch")
                    .isEqualTo(store.recoveryReport().recoveredEndOffset());
            assertThat(store.maxOffset("t", 0)).isEqualTo(200);
            AppendResult next = await(store.append(message("t", 0, "after", null)));
            assertThat(next.queueOffset()).isEqualTo(200);
            eventually().until(() -> store.maxOffset("t", 0) == 201);
            GetResult all = store.getMessages("t", 0, 0, 1000, TagFilter.all());
            assertThat(all.messages()).hasSize(201);
            assertThat(body(all.messages().get(200))).isEqualTo("after");
            assertThat(store.queryByKey("t", "key399", 0, Long.MAX_VALUE, 10)).hasSize(1);
        }
    }

    @org.junit.jupiter.api.Test
    void theDefaultConfigurationIsValid() {
        StoreConfig defaults = StoreConfig.builder(dir).build();
        assertThat(defaults.commitLogSegmentSize()).isEqualTo(ByteSize.ofGibibytes(1));
        assertThat(defaults.maxMessageSize()).isEqualTo(ByteSize.ofMebibytes(4));
        assertThat(defaults.flushMode()).isEqualTo(FlushMode.ASYNC_FLUSH);
    }

    @ParameterizedTest
    @EnumSource(FlushMode.class)
    void offsetForTimestampFindsTheFirstMessageAtOrAfterIt(FlushMode mode) throws Exception {
        try (MessageStore store = MessageStore.open(TestStores.small(dir, mode).build())) {
            List<AppendResult> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(await(store.append(message("t", 0, "m" + i, null))));
                if (i == 9) {
                    long until = System.currentTimeMillis() + 5;
                    eventually().until(() -> System.currentTimeMillis() > until);
                }
            }
            eventually().until(() -> store.maxOffset("t", 0) == 20);
            long tenth = results.get(10).storeTimestamp();
            long expected = results.stream().filter(r -> r.storeTimestamp() >= tenth).findFirst()
                    .orElseThrow().queueOffset();
            assertThat(store.offsetForTimestamp("t", 0, tenth)).isEqualTo(expected);
            assertThat(store.offsetForTimestamp("t", 0, 0)).isZero();
            assertThat(store.offsetForTimestamp("t", 0, Long.MAX_VALUE)).isEqualTo(20);
        }
    }
}
