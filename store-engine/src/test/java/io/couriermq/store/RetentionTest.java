package io.couriermq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.couriermq.store.TestStores.await;
import static io.couriermq.store.TestStores.eventually;
import static io.couriermq.store.TestStores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** Retention deletes expired segments at the configured hour, and queues, the index and restarts follow. */
class RetentionTest {

    private static final ZoneId ZONE = ZoneId.of("UTC");

    @TempDir
    Path dir;

    @Test
    void expiredSegmentsGoAtTheDeleteHourAndQueuesStartAfterThem() throws Exception {
        StoreConfig config = configAt(4);
        List<AppendResult> results = new ArrayList<>();
        try (MessageStore store = MessageStore.open(config)) {
            for (int i = 0; i < 300; i++) {
                results.add(await(store.append(message("t", 0, "m" + i + "-" + "x".repeat(500), null, "key" + i))));
            }
            int segmentsBefore = store.stats().logSegments();
            assertThat(segmentsBefore).isGreaterThan(2);
            eventually().until(() -> store.stats().dispatchedOffset() == store.stats().logWrittenOffset());

            assertThat(store.runRetention()).isEqualTo(segmentsBefore - 1);

            long logStart = store.stats().logMinOffset();
            AppendResult firstKept = results.stream().filter(r -> r.physicalOffset() >= logStart).findFirst()
                    .orElseThrow();
            eventually().until(() -> store.minOffset("t", 0) == firstKept.queueOffset());
            GetResult old = store.getMessages("t", 0, 0, 10, TagFilter.all());
            assertThat(old.status()).isEqualTo(GetStatus.OFFSET_TOO_SMALL);
            assertThat(old.nextOffset()).isEqualTo(firstKept.queueOffset());
            assertThat(store.getMessages("t", 0, old.nextOffset(), 1, TagFilter.all()).messages())
                    .extracting(StoredMessage::physicalOffset).containsExactly(firstKept.physicalOffset());
            assertThat(store.queryByKey("t", "key0", 0, Long.MAX_VALUE, 10)).isEmpty();
            assertThat(store.queryByKey("t", "key299", 0, Long.MAX_VALUE, 10)).hasSize(1);
            assertThat(dir.resolve("commitlog").resolve("00000000000000000000")).doesNotExist();
        }
        try (MessageStore store = MessageStore.open(config)) {
            AppendResult lastKept = results.get(results.size() - 1);
            assertThat(store.minOffset("t", 0)).isGreaterThan(0).isLessThanOrEqualTo(lastKept.queueOffset());
            assertThat(store.getMessages("t", 0, store.minOffset("t", 0), 1000, TagFilter.all()).status())
                    .isEqualTo(GetStatus.FOUND);
            assertThat(store.stats().corruptRecordsSkipped()).isZero();
        }
    }

    @Test
    void nothingIsDeletedOutsideTheDeleteHours() throws Exception {
        try (MessageStore store = MessageStore.open(configAt(5))) {
            for (int i = 0; i < 300; i++) {
                await(store.append(message("t", 0, "m" + i + "-" + "x".repeat(500), null)));
            }
            int segments = store.stats().logSegments();
            eventually().until(() -> store.stats().dispatchedOffset() == store.stats().logWrittenOffset());
            assertThat(store.runRetention()).isZero();
            assertThat(store.stats().logSegments()).isEqualTo(segments);
            assertThat(store.minOffset("t", 0)).isZero();
        }
    }

    /** A store whose clock stands two days ahead at the given hour, so that every segment it writes is expired. */
    private StoreConfig configAt(int hour) {
        ZonedDateTime at = ZonedDateTime.now(ZONE).plusDays(2).withHour(hour).withMinute(30);
        return TestStores.small(dir, FlushMode.ASYNC_FLUSH)
                .clock(Clock.fixed(at.toInstant(), ZONE))
                .deleteHours(Set.of(4))
                .fileReservedTime(Duration.ofHours(1))
                .diskCleanRatio(1.0)
                .diskRefuseWritesRatio(1.0)
                .retentionCheckInterval(Duration.ofHours(1))
                .build();
    }
}
