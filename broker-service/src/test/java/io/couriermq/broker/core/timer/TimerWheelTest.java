package io.couriermq.broker.core.timer;

import io.couriermq.broker.core.produce.Envelope;
import io.couriermq.broker.core.produce.SystemProperties;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.ByteSize;
import io.couriermq.store.GetResult;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timer against a real store, driven round by round with explicit times: release times and order, restarts
 * with and without a final checkpoint, torn schedule files, late arrivals, rolling, and a bounded window.
 */
class TimerWheelTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String TOPIC = "Reminders";

    @TempDir
    Path dir;

    private MessageStore store;
    private TimerWheel wheel;
    private final List<Long> lateness = new ArrayList<>();
    private TimerConfig config = config(Duration.ofDays(1), 1_000_000);

    private static TimerConfig config(Duration rollInterval, int maxWindowEntries) {
        return new TimerConfig(Duration.ofDays(7), rollInterval, Duration.ofSeconds(10), Duration.ofMillis(500),
                64, maxWindowEntries);
    }

    @BeforeEach
    void open() throws IOException {
        store = MessageStore.open(StoreConfig.builder(dir.resolve("store"))
                .commitLogSegmentSize(ByteSize.ofMebibytes(4)).maxMessageSize(ByteSize.ofKibibytes(64))
                .consumeQueueSegmentEntries(10_000).indexHashSlots(1000).indexEntriesPerFile(40_000).build());
        openWheel();
    }

    private void openWheel() throws IOException {
        wheel = TimerWheel.open(store, dir.resolve("timer"), config, () -> { }, lateness::add);
    }

    @AfterEach
    void close() {
        if (wheel != null) {
            wheel.close();
        }
        store.close();
    }

    /** Closes the timer without its final checkpoint (as a crash would) or with it, and opens it again. */
    private void restart(boolean clean, long now) throws IOException {
        if (clean) {
            wheel.drain(now, 5_000);
        }
        wheel.close();
        openWheel();
    }

    private void park(String id, long deliverAt) {
        Map<String, String> properties = new HashMap<>();
        properties.put(SystemProperties.MESSAGE_ID, id);
        properties.put(SystemProperties.DELIVERY_TIMESTAMP, Long.toString(deliverAt));
        properties.put(SystemProperties.TAG, "later");
        Message real = new Message(TOPIC, 1, 0, properties, id.getBytes(StandardCharsets.UTF_8), T0, null);
        store.append(Envelope.park(real, TopicNames.TIMER_TOPIC)).join();
    }

    private void awaitDispatched() {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() ->
                store.stats().dispatchedOffset() == store.stats().logWrittenOffset());
    }

    /** Runs rounds at {@code now} until the condition holds (appends complete on other threads). */
    private void pumpUntil(long now, BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            wheel.doWork(now);
            return done.getAsBoolean();
        });
    }

    /**
     * Runs rounds at {@code now} until there is nothing left to do at that time: the log was dispatched before a
     * round that did nothing and had nothing in flight. Then waits until what it released is readable.
     */
    private void pump(long now) {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
            boolean dispatched = store.stats().dispatchedOffset() == store.stats().logWrittenOffset();
            return wheel.doWork(now) == 0 && dispatched && wheel.stats().inFlight() == 0;
        });
        awaitDispatched();
    }

    private List<StoredMessage> delivered() {
        GetResult result = store.getMessages(TOPIC, 1, 0, 10_000, TagFilter.all());
        return result.messages();
    }

    private List<String> deliveredIds() {
        return delivered().stream().map(StoredMessage::messageId).toList();
    }

    @Test
    void eachMessageGoesToItsTopicAtItsTimeAndInTimeOrder() throws IOException {
        park("in-3s", T0 + 3_000);
        park("in-1s", T0 + 1_000);
        park("in-25s", T0 + 25_000);
        park("in-2s", T0 + 2_000);
        awaitDispatched();

        pump(T0);
        assertThat(deliveredIds()).isEmpty();
        assertThat(wheel.stats().pending()).isEqualTo(4);
        pump(T0 + 999);
        assertThat(deliveredIds()).isEmpty();
        pump(T0 + 1_000);
        assertThat(deliveredIds()).containsExactly("in-1s");
        pump(T0 + 3_500);
        assertThat(deliveredIds()).containsExactly("in-1s", "in-2s", "in-3s");
        pump(T0 + 24_999);
        assertThat(deliveredIds()).hasSize(3);
        pump(T0 + 25_000);
        assertThat(deliveredIds()).containsExactly("in-1s", "in-2s", "in-3s", "in-25s");
        assertThat(wheel.stats().pending()).isZero();
        assertThat(wheel.stats().delivered()).isEqualTo(4);

        StoredMessage out = delivered().get(0);
        assertThat(out.topic()).isEqualTo(TOPIC);
        assertThat(out.queueId()).isEqualTo(1);
        assertThat(out.tag()).isEqualTo("later");
        assertThat(out.properties()).containsEntry(SystemProperties.DELIVERY_TIMESTAMP, Long.toString(T0 + 1_000))
                .doesNotContainKeys(Envelope.REAL_TOPIC, Envelope.REAL_QUEUE_ID);
        assertThat(new String(out.body(), StandardCharsets.UTF_8)).isEqualTo("in-1s");
        assertThat(lateness).containsOnly(0L, 500L, 1_500L);
    }

    @Test
    void aCleanRestartRepeatsNothingAndLosesNothing() throws IOException {
        for (int i = 0; i < 30; i++) {
            park("m" + i, T0 + 1_000 + i * 1_000L);
        }
        awaitDispatched();
        pump(T0 + 10_500);
        assertThat(deliveredIds()).hasSize(10);

        restart(true, T0 + 10_500);
        pump(T0 + 10_500);
        assertThat(deliveredIds()).hasSize(10);
        assertThat(wheel.stats().pending()).isEqualTo(20);
        pump(T0 + 40_000);
        assertThat(deliveredIds()).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void aCrashRepeatsOnlyWhatCameAfterTheLastCheckpointAndLosesNothing() throws IOException {
        for (int i = 0; i < 30; i++) {
            park("m" + i, T0 + 1_000 + i * 1_000L);
        }
        awaitDispatched();
        pump(T0 + 5_500);
        wheel.checkpoint();
        pump(T0 + 10_500);
        assertThat(deliveredIds()).hasSize(10);

        restart(false, T0 + 10_500);
        pump(T0 + 40_000);
        List<String> ids = deliveredIds();
        assertThat(ids).containsAll(Stream.iterate(0, i -> i + 1).limit(30).map(i -> "m" + i).toList());
        assertThat(ids).as("m5..m9 were released after the checkpoint, so they may come again; nothing else")
                .hasSizeBetween(30, 35);
        assertThat(ids.subList(0, 5)).doesNotHaveDuplicates();
    }

    @Test
    void aTornScheduleEntryIsCutAndTheRestStillDelivered() throws IOException {
        park("a", T0 + 1_000);
        park("b", T0 + 2_000);
        awaitDispatched();
        pump(T0);
        wheel.checkpoint();
        restart(false, T0);
        Path bucket;
        try (Stream<Path> files = Files.list(dir.resolve("timer").resolve("buckets"))) {
            bucket = files.findFirst().orElseThrow();
        }
        wheel.close();
        Files.write(bucket, new byte[] {1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);
        openWheel();
        assertThat(Files.size(bucket) % TimerBuckets.ENTRY_BYTES).isZero();
        park("c", T0 + 3_000);
        pump(T0 + 5_000);
        assertThat(deliveredIds()).containsExactly("a", "b", "c");
    }

    @Test
    void aMessageArrivingAfterItsTimeGoesOutAtOnceAfterWhatWentBefore() throws IOException {
        park("first", T0 + 1_000);
        park("second", T0 + 2_000);
        awaitDispatched();
        pump(T0 + 2_000);
        park("late", T0 + 500);
        pump(T0 + 2_000);
        assertThat(deliveredIds()).as("scheduled just after the last release: one millisecond later")
                .containsExactly("first", "second");
        pump(T0 + 2_001);
        assertThat(deliveredIds()).containsExactly("first", "second", "late");
        restart(true, T0 + 2_000);
        pump(T0 + 2_000);
        assertThat(deliveredIds()).hasSize(3);
    }

    @Test
    void aMessageWaitingLongerThanTheRollIntervalIsParkedAnewNotDelivered() throws IOException {
        wheel.close();
        config = config(Duration.ofSeconds(3), 1_000_000);
        openWheel();
        park("far", T0 + 5_000);
        awaitDispatched();
        pump(T0);
        long parkedBefore = store.maxOffset(TopicNames.TIMER_TOPIC, 0);
        pump(T0 + 2_999);
        assertThat(store.maxOffset(TopicNames.TIMER_TOPIC, 0)).isEqualTo(parkedBefore);
        pump(T0 + 3_000);
        assertThat(deliveredIds()).isEmpty();
        assertThat(store.maxOffset(TopicNames.TIMER_TOPIC, 0)).isEqualTo(parkedBefore + 1);
        assertThat(wheel.stats().rolled()).isEqualTo(1);
        assertThat(wheel.stats().pending()).isEqualTo(1);
        pump(T0 + 4_999);
        assertThat(deliveredIds()).isEmpty();
        pump(T0 + 5_000);
        assertThat(deliveredIds()).containsExactly("far");
        assertThat(wheel.stats().pending()).isZero();
    }

    @Test
    void afterDowntimeTheWindowIsReadInAsMemoryAllowsAndEverythingGoesOutInOrder() throws IOException {
        wheel.close();
        config = config(Duration.ofDays(1), 10);
        openWheel();
        Random random = new Random(7);
        Map<String, Long> due = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            long at = T0 + 1_000 + random.nextInt(60_000);
            due.put("m" + i, at);
            park("m" + i, at);
        }
        awaitDispatched();
        pumpUntil(T0 + 120_000, () -> {
            assertThat(wheel.stats().inWindow()).isLessThanOrEqualTo(10 + 60);
            // released and retired: only retired releases move the checkpoint that bucket deletion follows
            return deliveredIds().size() == 60 && wheel.stats().inFlight() == 0;
        });
        List<Long> order = deliveredIds().stream().map(due::get).toList();
        assertThat(order).isSorted();
        wheel.checkpoint();
        try (Stream<Path> files = Files.list(dir.resolve("timer").resolve("buckets"))) {
            assertThat(files.count()).as("released buckets are deleted").isLessThanOrEqualTo(1);
        }
    }

    @Test
    void releasesAreNeverEarlyAndAtMostOneRoundLate() throws IOException {
        Random random = new Random(11);
        Map<String, Long> due = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            long at = T0 + 1 + random.nextInt(30_000);
            due.put("m" + i, at);
            park("m" + i, at);
        }
        awaitDispatched();
        Map<String, Long> releasedAt = new HashMap<>();
        for (long now = T0; now <= T0 + 30_000; now += 250) {
            pump(now);
            for (String id : deliveredIds()) {
                releasedAt.putIfAbsent(id, now);
            }
        }
        assertThat(releasedAt).hasSize(2_000);
        assertThat(deliveredIds()).doesNotHaveDuplicates();
        releasedAt.forEach((id, at) -> assertThat(at - due.get(id)).as(id).isBetween(0L, 249L));
    }
}
