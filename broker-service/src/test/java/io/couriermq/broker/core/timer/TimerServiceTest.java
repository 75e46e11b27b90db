package io.couriermq.broker.core.timer;

import io.couriermq.broker.core.produce.SendException;
import io.couriermq.broker.core.produce.SystemProperties;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.ByteSize;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The timer on its own thread with the real clock: delivery on time, the horizon, restarts. */
class TimerServiceTest {

    private static final String TOPIC = "Later";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final ConcurrentLinkedQueue<Long> lateness = new ConcurrentLinkedQueue<>();
    private MessageStore store;
    private TimerService timer;

    @BeforeEach
    void start() {
        ArrivalSignal arrivals = new ArrivalSignal(TopicNames.TIMER_TOPIC);
        store = MessageStore.open(StoreConfig.builder(dir.resolve("store"))
                .commitLogSegmentSize(ByteSize.ofMebibytes(4)).maxMessageSize(ByteSize.ofKibibytes(64))
                .consumeQueueSegmentEntries(10_000).indexHashSlots(1000).indexEntriesPerFile(40_000).build(),
                List.of(arrivals));
        timer = TimerService.start(store, dir.resolve("timer"),
                TimerConfig.of(Duration.ofHours(1), Duration.ofMinutes(30)), clock, arrivals, lateness::add);
    }

    @AfterEach
    void stop() {
        timer.close();
        store.close();
    }

    private static Message message(String id, long deliverAt) {
        return Message.of(TOPIC, 0, Map.of(SystemProperties.MESSAGE_ID, id,
                SystemProperties.DELIVERY_TIMESTAMP, Long.toString(deliverAt)), id.getBytes());
    }

    /** What a send of a delay message does: append where the timer's parking puts it. */
    private void schedule(Message message, long deliverAt) {
        store.append(timer.parking().park(message, deliverAt)).join();
    }

    private List<StoredMessage> delivered() {
        return store.getMessages(TOPIC, 0, 0, 100, TagFilter.all()).messages();
    }

    @Test
    void aMessageIsHeldUntilItsTimeAndThenDeliveredPromptly() {
        long deliverAt = clock.millis() + 700;
        schedule(message("soon", deliverAt), deliverAt);
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.stats().pending() == 1);
        assertThat(delivered()).as("not before its time").isEmpty();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> !delivered().isEmpty());
        StoredMessage out = delivered().get(0);
        assertThat(out.messageId()).isEqualTo("soon");
        assertThat(out.storeTimestamp()).isBetween(deliverAt, deliverAt + 500);
        assertThat(lateness).singleElement().satisfies(late -> assertThat(late).isBetween(0L, 500L));
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.stats().pending() == 0);
    }

    @Test
    void aTimeThatHasPassedIsStoredInTheTopicAtOnce() {
        long past = clock.millis() - 1_000;
        schedule(message("overdue", past), past);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.maxOffset(TOPIC, 0) == 1);
        assertThat(store.maxOffset(TopicNames.TIMER_TOPIC, 0)).isZero();
    }

    @Test
    void aTimeBeyondTheHorizonIsRefused() {
        long tooFar = clock.millis() + Duration.ofHours(1).toMillis() + 60_000;
        assertThatThrownBy(() -> timer.parking().park(message("never", tooFar), tooFar))
                .isInstanceOfSatisfying(SendException.class,
                        e -> assertThat(e.reason()).isEqualTo(SendException.Reason.ILLEGAL_DELIVERY_TIME));
    }

    @Test
    void pendingMessagesOutliveARestart() {
        long deliverAt = clock.millis() + 1_500;
        schedule(message("kept", deliverAt), deliverAt);
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.stats().pending() == 1);
        stop();
        start();
        assertThat(timer.stats().inFlight()).isZero();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> !delivered().isEmpty());
        assertThat(delivered()).extracting(StoredMessage::messageId).containsExactly("kept");
        assertThat(delivered().get(0).storeTimestamp()).isGreaterThanOrEqualTo(deliverAt);
    }
}
