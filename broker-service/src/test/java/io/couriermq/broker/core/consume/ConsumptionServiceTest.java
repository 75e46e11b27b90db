package io.couriermq.broker.core.consume;

import io.couriermq.broker.MutableClock;
import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.produce.SystemProperties;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.store.ByteSize;
import io.couriermq.store.GetResult;
import io.couriermq.store.Message;
import io.couriermq.store.MessageProperties;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.TagFilter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server-side consumption against a real store: invisibility, acks, redelivery, dead letters, restarts. */
class ConsumptionServiceTest {

    private static final Duration INVISIBLE = Duration.ofSeconds(30);
    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private MessageStore store;
    private TopicRegistry topics;
    private GroupRegistry groups;
    private ConsumptionService consumption;

    @BeforeEach
    void open() {
        start();
        topics.put(TopicConfig.of(TOPIC, 2, TopicMessageType.NORMAL));
    }

    private void start() {
        LongPolling longPolling = new LongPolling(scheduler, scheduler);
        store = MessageStore.open(StoreConfig.builder(dir.resolve("store"))
                .commitLogSegmentSize(ByteSize.ofMebibytes(1)).maxMessageSize(ByteSize.ofKibibytes(64))
                .consumeQueueSegmentEntries(1000).indexHashSlots(1000).indexEntriesPerFile(4000).build(),
                List.of(longPolling));
        topics = TopicRegistry.load(dir.resolve("config"));
        groups = GroupRegistry.load(dir.resolve("config"), true);
        consumption = new ConsumptionService(store, longPolling, topics, groups, ProgressJournal.inStore(store),
                dir.resolve("config"), clock, clientId -> true, 10_000);
        consumption.recover();
    }

    private void stop(boolean clean) throws Exception {
        if (clean) {
            consumption.close();
        }
        store.close();
    }

    @AfterEach
    void close() throws Exception {
        stop(true);
        scheduler.shutdownNow();
    }

    @Test
    void aDeliveredMessageIsInvisibleUntilAckedAndGoneAfter() throws Exception {
        send(0, "a", null);
        List<Delivery> first = receive(10);
        assertThat(bodies(first)).containsExactly("a");
        assertThat(first.get(0).attempt()).isEqualTo(1);
        assertThat(receive(10)).as("invisible to the next receive").isEmpty();

        ack(first.get(0));
        clock.advance(INVISIBLE.plusSeconds(1));
        assertThat(receive(10)).as("acknowledged: never again").isEmpty();
        assertThat(consumption.committedOffset(GROUP, TOPIC, 0)).isEqualTo(1);
    }

    @Test
    void anUnacknowledgedMessageComesBackAfterItsInvisibleTimeWithTheAttemptCounted() throws Exception {
        send(0, "a", null);
        Delivery first = receive(10).get(0);
        clock.advance(INVISIBLE.plusSeconds(1));
        List<Delivery> again = receive(10);
        assertThat(bodies(again)).containsExactly("a");
        assertThat(again.get(0).attempt()).isEqualTo(2);
        assertThatThrownBy(() -> ack(first)).isInstanceOf(InvalidReceiptHandleException.class);
        ack(again.get(0));
        assertThat(consumption.committedOffset(GROUP, TOPIC, 0)).isEqualTo(1);
    }

    @Test
    void anAckArrivingAfterTheDeadlineButBeforeRedeliveryIsAccepted() throws Exception {
        send(0, "a", null);
        Delivery first = receive(10).get(0);
        clock.advance(INVISIBLE.plusSeconds(1));
        ack(first);
        assertThat(receive(10)).isEmpty();
    }

    @Test
    void acknowledgingTwiceIsHarmless() throws Exception {
        send(0, "a", null);
        Delivery delivery = receive(10).get(0);
        ack(delivery);
        ack(delivery);
        assertThat(consumption.committedOffset(GROUP, TOPIC, 0)).isEqualTo(1);
    }

    @Test
    void changingInvisibilityIssuesANewHandleAndRetiresTheOldOne() throws Exception {
        send(0, "a", null);
        Delivery first = receive(10).get(0);
        Delivery extended = consumption.changeInvisibility(GROUP, TOPIC, first.handle().encode(), Duration.ofSeconds(90));
        clock.advance(INVISIBLE.plusSeconds(1));
        assertThat(receive(10)).as("still invisible after the original period").isEmpty();
        assertThatThrownBy(() -> ack(first)).isInstanceOf(InvalidReceiptHandleException.class);
        ack(extended.handle().encode());
        clock.advance(Duration.ofSeconds(120));
        assertThat(receive(10)).isEmpty();
    }

    @Test
    void malformedOrForeignHandlesAreRefused() {
        assertThatThrownBy(() -> ack("not-a-handle!"))
                .isInstanceOf(InvalidReceiptHandleException.class);
        String otherTopic = new ReceiptHandle("elsewhere", 0, 0, 1).encode();
        assertThatThrownBy(() -> ack(otherTopic))
                .isInstanceOf(InvalidReceiptHandleException.class).hasMessageContaining("elsewhere");
        String tampered = new ReceiptHandle(TOPIC, 0, 0, 1).encode();
        String flipped = tampered.substring(0, 5) + (tampered.charAt(5) == 'A' ? 'B' : 'A') + tampered.substring(6);
        assertThatThrownBy(() -> ack(flipped))
                .isInstanceOf(InvalidReceiptHandleException.class);
        String neverDelivered = new ReceiptHandle(TOPIC, 0, 5, 1).encode();
        assertThatThrownBy(() -> ack(neverDelivered))
                .isInstanceOf(InvalidReceiptHandleException.class).hasMessageContaining("never delivered");
    }

    @Test
    void aMessageOutOfAttemptsGoesToTheDeadLetterTopic() throws Exception {
        groups.put(new GroupConfig(GROUP, 2, false, true));
        send(0, "poison", null);
        assertThat(receive(10).get(0).attempt()).isEqualTo(1);
        clock.advance(INVISIBLE.plusSeconds(1));
        assertThat(receive(10).get(0).attempt()).isEqualTo(2);
        clock.advance(INVISIBLE.plusSeconds(1));
        assertThat(receive(10)).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> store.maxOffset("%DLQ%" + GROUP, 0) == 1);
        GetResult dlq = store.getMessages("%DLQ%" + GROUP, 0, 0, 10, TagFilter.all());
        assertThat(new String(dlq.messages().get(0).body(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(dlq.messages().get(0).properties()).containsEntry(ConsumptionService.ORIGIN_TOPIC, TOPIC)
                .containsEntry(ConsumptionService.DELIVERY_ATTEMPTS, "2");
        assertThat(topics.find("%DLQ%" + GROUP)).isPresent();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> consumption.committedOffset(GROUP, TOPIC, 0) == 1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(receive(10)).isEmpty();
    }

    @Test
    void tagFiltersSkipMessagesForTheGroupOnly() throws Exception {
        send(0, "a1", "A");
        send(0, "b1", "B");
        send(0, "a2", "A");
        List<Delivery> onlyA = consumption.receive(request(10, TagFilter.anyOf(Set.of("A")), Duration.ZERO))
                .get(5, TimeUnit.SECONDS);
        assertThat(bodies(onlyA)).containsExactly("a1", "a2");
        for (Delivery delivery : onlyA) {
            ack(delivery);
        }
        assertThat(consumption.committedOffset(GROUP, TOPIC, 0)).isEqualTo(3);
        ReceiveRequest otherGroup = new ReceiveRequest("auditors", TOPIC, 0, 10, TagFilter.all(), INVISIBLE, false,
                Duration.ZERO, "client-2", null);
        assertThat(bodies(consumption.receive(otherGroup).get(5, TimeUnit.SECONDS))).containsExactly("a1", "b1", "a2");
    }

    @Test
    void progressSurvivesARestartFromTheSnapshot() throws Exception {
        progressSurvivesRestart(true);
    }

    @Test
    void progressSurvivesACrashThroughTheJournal() throws Exception {
        progressSurvivesRestart(false);
    }

    @Test
    void acksSentTogetherSucceedOrFailEachOnItsOwnAndSurviveACrash() throws Exception {
        for (int i = 0; i < 4; i++) {
            send(0, "m" + i, null);
        }
        List<Delivery> delivered = receive(10);
        String neverDelivered = new ReceiptHandle(TOPIC, 0, 9, 1).encode();

        List<CompletableFuture<Void>> results = consumption.acknowledge(GROUP, TOPIC, List.of(
                delivered.get(0).handle().encode(), neverDelivered, delivered.get(2).handle().encode(),
                delivered.get(0).handle().encode()));

        assertThat(results.get(0)).succeedsWithin(Duration.ofSeconds(5));
        assertThat(results.get(1)).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(InvalidReceiptHandleException.class);
        assertThat(results.get(2)).succeedsWithin(Duration.ofSeconds(5));
        assertThat(results.get(3)).as("a repeat within the request").succeedsWithin(Duration.ofSeconds(5));
        stop(false);
        start();
        assertThat(consumption.committedOffset(GROUP, TOPIC, 0)).isEqualTo(1);
        assertThat(bodies(receive(20))).containsExactlyInAnyOrder("m1", "m3");
    }

    private void progressSurvivesRestart(boolean cleanShutdown) throws Exception {
        for (int i = 0; i < 10; i++) {
            send(0, "m" + i, null);
        }
        List<Delivery> delivered = receive(10);
        assertThat(delivered).hasSize(10);
        for (int i : new int[] {0, 1, 2, 5, 8}) {
            ack(delivered.get(i));
        }
        stop(cleanShutdown);
        start();
        assertThat(consumption.committedOffset(GROUP, TOPIC, 0)).isEqualTo(3);
        assertThat(bodies(receive(20))).containsExactlyInAnyOrder("m3", "m4", "m6", "m7", "m9");
    }

    @Test
    void anEmptyReceiveWaitsForAMessageToArrive() throws Exception {
        CompletableFuture<List<Delivery>> waiting = consumption.receive(request(10, TagFilter.all(),
                Duration.ofSeconds(20)));
        assertThat(waiting).isNotDone();
        send(1, "late", null);
        assertThat(bodies(waiting.get(10, TimeUnit.SECONDS))).containsExactly("late");
    }

    @Test
    void anEmptyReceiveGivesUpWhenItsPollTimeIsOver() throws Exception {
        CompletableFuture<List<Delivery>> waiting = consumption.receive(request(10, TagFilter.all(),
                Duration.ofMillis(300)));
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void unknownTopicsAndDisabledGroupsAreRefused() {
        assertThatThrownBy(() -> consumption.receive(new ReceiveRequest(GROUP, "nope", 0, 1, TagFilter.all(),
                INVISIBLE, false, Duration.ZERO, "c", null)))
                .isInstanceOfSatisfying(ConsumptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConsumptionException.Reason.TOPIC_NOT_FOUND));
        groups.put(new GroupConfig("frozen", 17, false, false));
        assertThatThrownBy(() -> consumption.receive(new ReceiveRequest("frozen", TOPIC, 0, 1, TagFilter.all(),
                INVISIBLE, false, Duration.ZERO, "c", null)))
                .isInstanceOfSatisfying(ConsumptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConsumptionException.Reason.CONSUME_DISABLED));
    }

    /** FIFO consumer groups: each message group's messages go out one after the other. */
    @Nested
    class InMessageGroupOrder {

        @BeforeEach
        void fifoGroup() {
            groups.put(new GroupConfig(GROUP, 3, true, true));
        }

        @Test
        void aGroupsNextMessageWaitsUntilThePreviousOneIsAcknowledgedWhileOtherGroupsGoOn() throws Exception {
            sendInGroup("a1", "A");
            sendInGroup("a2", "A");
            sendInGroup("b1", "B");

            Delivery a1 = receive(1).get(0);
            assertThat(bodies(List.of(a1))).containsExactly("a1");
            assertThat(bodies(receive(1))).as("A is busy; B is not").containsExactly("b1");
            assertThat(receive(10)).as("both groups busy").isEmpty();

            ack(a1);
            assertThat(bodies(receive(10))).containsExactly("a2");
        }

        @Test
        void aReceiveTakesConsecutiveMessagesOfAnIdleGroupAndTheGroupStaysBusyUntilAllAreDone() throws Exception {
            sendInGroup("a1", "A");
            sendInGroup("b1", "B");
            sendInGroup("a2", "A");

            List<Delivery> batch = receive(10);
            assertThat(bodies(batch)).containsExactly("a1", "b1", "a2");
            sendInGroup("a3", "A");
            sendInGroup("b2", "B");
            assertThat(receive(10)).isEmpty();

            ack(batch.get(0));
            ack(batch.get(1));
            assertThat(bodies(receive(10))).as("A still has a2 out").containsExactly("b2");
            ack(batch.get(2));
            assertThat(bodies(receive(10))).containsExactly("a3");
        }

        @Test
        void aRedeliveredMessageIsNotOvertakenByItsSuccessors() throws Exception {
            sendInGroup("a1", "A");
            sendInGroup("a2", "A");
            Delivery first = receive(1).get(0);

            clock.advance(INVISIBLE.plusSeconds(1));
            List<Delivery> again = receive(1);
            assertThat(bodies(again)).containsExactly("a1");
            assertThat(again.get(0).attempt()).isEqualTo(2);
            assertThatThrownBy(() -> ack(first)).isInstanceOf(InvalidReceiptHandleException.class);
            assertThat(receive(10)).isEmpty();

            ack(again.get(0));
            assertThat(bodies(receive(10))).containsExactly("a2");
        }

        @Test
        void aMessageOutOfAttemptsGoesToTheDeadLetterTopicAndReleasesItsGroup() throws Exception {
            sendInGroup("poison", "A");
            sendInGroup("next", "A");
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(bodies(receive(1))).containsExactly("poison");
                clock.advance(INVISIBLE.plusSeconds(1));
            }
            assertThat(receive(1)).as("out of attempts: written to the DLQ, not delivered").isEmpty();

            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> store.maxOffset("%DLQ%" + GROUP, 0) == 1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> bodies(receive(1)).equals(List.of("next")));
        }

        @Test
        void anAcknowledgementWakesAReceiveWaitingForTheGroupsNextMessage() throws Exception {
            sendInGroup("a1", "A");
            sendInGroup("a2", "A");
            Delivery a1 = receive(1).get(0);
            CompletableFuture<List<Delivery>> waiting = consumption.receive(request(10, TagFilter.all(),
                    Duration.ofSeconds(30)));
            assertThat(waiting).isNotDone();

            ack(a1);

            assertThat(bodies(waiting.get(10, TimeUnit.SECONDS))).containsExactly("a2");
        }

        @Test
        void progressSurvivesACrashAndTheOrderHoldsAfterIt() throws Exception {
            sendInGroup("a1", "A");
            sendInGroup("a2", "A");
            sendInGroup("a3", "A");
            ack(receive(1).get(0));
            receive(1);
            stop(false);
            start();

            List<Delivery> after = receive(10);
            assertThat(bodies(after)).containsExactly("a2", "a3");
        }
    }

    @Test
    void aRetriedReceiveWithTheSameAttemptIdGetsTheSameDeliveries() throws Exception {
        send(0, "m1", null);
        send(0, "m2", null);
        ReceiveRequest attempt = new ReceiveRequest(GROUP, TOPIC, 0, 10, TagFilter.all(), INVISIBLE, false,
                Duration.ZERO, "client-1", "attempt-1");
        List<Delivery> first = consumption.receive(attempt).get(5, TimeUnit.SECONDS);

        List<Delivery> retried = consumption.receive(attempt).get(5, TimeUnit.SECONDS);

        assertThat(retried).extracting(Delivery::handle).isEqualTo(first.stream().map(Delivery::handle).toList());
        assertThat(bodies(retried)).containsExactly("m1", "m2");
        ack(retried.get(0));
        assertThat(bodies(consumption.receive(attempt).get(5, TimeUnit.SECONDS))).as("acked ones are not repeated")
                .containsExactly("m2");
    }

    private void sendInGroup(String body, String messageGroup) throws Exception {
        send(0, body, null, Map.of(SystemProperties.MESSAGE_GROUP, messageGroup));
    }

    private void send(int queueId, String body, String tag) throws Exception {
        send(queueId, body, tag, Map.of());
    }

    private void send(int queueId, String body, String tag, Map<String, String> extra) throws Exception {
        Map<String, String> properties = new HashMap<>(extra);
        if (tag != null) {
            properties.put(MessageProperties.TAGS, tag);
        }
        store.append(Message.of(TOPIC, queueId, properties, body.getBytes(StandardCharsets.UTF_8)))
                .get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                .until(() -> store.stats().dispatchedOffset() == store.stats().logWrittenOffset());
    }

    private List<Delivery> receive(int max) throws Exception {
        return consumption.receive(request(max, TagFilter.all(), Duration.ZERO)).get(5, TimeUnit.SECONDS);
    }

    private static ReceiveRequest request(int max, TagFilter filter, Duration longPoll) {
        return new ReceiveRequest(GROUP, TOPIC, 0, max, filter, INVISIBLE, false, longPoll, "client-1", null);
    }

    private void ack(Delivery delivery) throws Exception {
        ack(delivery.handle().encode());
    }

    /** Acknowledges one handle and waits; a refusal is thrown as itself. */
    private void ack(String handle) throws Exception {
        try {
            consumption.acknowledge(GROUP, TOPIC, List.of(handle)).get(0).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static List<String> bodies(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> new String(d.message().body(), StandardCharsets.UTF_8)).toList();
    }
}
