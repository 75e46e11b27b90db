package io.couriermq.broker.core.consume;

import io.couriermq.store.record.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which parked requests an arrival wakes, and that woken ones leave no timeout behind. */
class LongPollingTest {

    private static final String TOPIC = "orders";
    private static final long LONG_POLL_MILLIS = Duration.ofMinutes(5).toMillis();

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final LongPolling longPolling = new LongPolling(Runnable::run, scheduler);
    private final Queue<String> woken = new ConcurrentLinkedQueue<>();
    private final Queue<String> expired = new ConcurrentLinkedQueue<>();

    LongPollingTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private void receive(String name, String group, long timeoutMillis) {
        longPolling.parkReceive(TOPIC, group, false, longPolling.events(TOPIC), timeoutMillis, () -> woken.add(name),
                () -> expired.add(name));
    }

    /** A receive loop of a FIFO push consumer, reading one queue. */
    private void receiveOneQueue(String name, String group) {
        longPolling.parkReceive(TOPIC, group, true, longPolling.events(TOPIC), LONG_POLL_MILLIS,
                () -> woken.add(name), () -> expired.add(name));
    }

    private void pull(String name) {
        longPolling.parkPull(TOPIC, longPolling.events(TOPIC), LONG_POLL_MILLIS, () -> woken.add(name),
                () -> expired.add(name));
    }

    /** One dispatch round of {@code count} records of {@code topic}, as the store's dispatcher hands them over. */
    private void dispatch(String topic, int count) {
        for (int i = 0; i < count; i++) {
            longPolling.onEntry(new LogEntry(i * 100L, 100, topic, 0, i, 0, 0, null, null));
        }
        longPolling.onDispatched(count * 100L);
    }

    @Test
    void anArrivalWakesAsManyReceivesOfEachGroupAsMessagesArrivedAndEveryPull() {
        receive("billing-1", "billing", LONG_POLL_MILLIS);
        receive("billing-2", "billing", LONG_POLL_MILLIS);
        receive("billing-3", "billing", LONG_POLL_MILLIS);
        receive("audit-1", "audit", LONG_POLL_MILLIS);
        pull("pull-1");
        pull("pull-2");

        dispatch(TOPIC, 2);

        assertThat(woken).containsExactlyInAnyOrder("billing-1", "billing-2", "audit-1", "pull-1", "pull-2");
        assertThat(longPolling.waiting()).isEqualTo(1);
        assertThat(scheduler.getQueue()).as("woken requests' timeouts are cancelled and removed").hasSize(1);
    }

    @Test
    void arrivalsOnAnotherTopicWakeNobody() {
        receive("billing-1", "billing", LONG_POLL_MILLIS);
        pull("pull-1");

        dispatch("payments", 5);

        assertThat(woken).isEmpty();
        assertThat(longPolling.waiting()).isEqualTo(2);
    }

    @Test
    void aRedeliveryWakesOneReceiveOfItsGroup() {
        receive("billing-1", "billing", LONG_POLL_MILLIS);
        receive("billing-2", "billing", LONG_POLL_MILLIS);
        receive("audit-1", "audit", LONG_POLL_MILLIS);

        longPolling.wakeReceive(TOPIC, "billing");

        assertThat(woken).containsExactly("billing-1");
    }

    @Test
    void receivesOfOneQueueEachAreAllWokenSinceTheEventMayConcernAnyOfTheirQueues() {
        receiveOneQueue("orders-q0", "orders");
        receiveOneQueue("orders-q1", "orders");
        receive("orders-any", "orders", LONG_POLL_MILLIS);
        receiveOneQueue("audit-q0", "audit");

        longPolling.wakeReceive(TOPIC, "orders");
        assertThat(woken).containsExactlyInAnyOrder("orders-q0", "orders-q1", "orders-any");

        woken.clear();
        receiveOneQueue("orders-q0", "orders");
        receiveOneQueue("orders-q1", "orders");
        dispatch(TOPIC, 1);
        assertThat(woken).containsExactlyInAnyOrder("orders-q0", "orders-q1", "audit-q0");
    }

    @Test
    void aMessageArrivingBetweenALookAndTheParkingWakesTheRequestAtOnce() {
        long receiveSeen = longPolling.events(TOPIC);
        long pullSeen = longPolling.events(TOPIC);
        dispatch(TOPIC, 1);

        longPolling.parkReceive(TOPIC, "billing", false, receiveSeen, LONG_POLL_MILLIS, () -> woken.add("billing-1"),
                () -> expired.add("billing-1"));
        longPolling.parkPull(TOPIC, pullSeen, LONG_POLL_MILLIS, () -> woken.add("pull-1"),
                () -> expired.add("pull-1"));
        receive("billing-2", "billing", LONG_POLL_MILLIS);

        assertThat(woken).containsExactly("billing-1", "pull-1");
        assertThat(longPolling.waiting()).as("only the receive that looked after the arrival is parked").isEqualTo(1);
        assertThat(scheduler.getQueue()).hasSize(1);
    }

    @Test
    void aDeliveryReleasedBetweenALookAndTheParkingWakesTheReceiveAtOnce() {
        long seen = longPolling.events(TOPIC);
        longPolling.wakeReceive(TOPIC, "billing");

        longPolling.parkReceive(TOPIC, "billing", false, seen, LONG_POLL_MILLIS, () -> woken.add("billing-1"),
                () -> expired.add("billing-1"));

        assertThat(woken).containsExactly("billing-1");
        assertThat(longPolling.waiting()).isZero();
    }

    @Test
    void aReceiveNobodyWakesExpiresOnceAndIsNotWokenAfter() {
        receive("billing-1", "billing", 50);

        await().atMost(Duration.ofSeconds(10)).until(() -> List.copyOf(expired).equals(List.of("billing-1")));
        dispatch(TOPIC, 1);

        assertThat(woken).isEmpty();
        assertThat(expired).containsExactly("billing-1");
        assertThat(longPolling.waiting()).isZero();
    }
}
