package io.couriermq.broker.core.consume;

import io.couriermq.broker.MutableClock;
import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.produce.SystemProperties;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.store.ByteSize;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.TagFilter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of sends, receives, acknowledgements and expiries for a FIFO consumer group, checked against
 * what FIFO promises: a message goes out only when every earlier message of its group is acknowledged or went out
 * before it in the same receive, and in the end every message is delivered and acknowledged, none stranded.
 */
class MessageGroupOrderProperties {

    private static final String GROUP = "fifo-group";
    private static final String[] MESSAGE_GROUPS = {"A", "B", "C"};
    private static final Duration INVISIBLE = Duration.ofSeconds(30);

    sealed interface Op permits Send, Receive, Ack, Expire {
    }

    record Send(int messageGroup) implements Op {
    }

    record Receive(int max) implements Op {
    }

    /** Acknowledges the delivery at this position (modulo their number) of those the consumer holds. */
    record Ack(int pick) implements Op {
    }

    record Expire() implements Op {
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger topicNumber = new AtomicInteger();
    private Path dir;
    private MessageStore store;
    private TopicRegistry topics;
    private ConsumptionService consumption;
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @BeforeProperty
    void open() throws IOException {
        dir = Files.createTempDirectory("fifo-order");
        LongPolling longPolling = new LongPolling(scheduler, scheduler);
        store = MessageStore.open(StoreConfig.builder(dir.resolve("store"))
                .commitLogSegmentSize(ByteSize.ofMebibytes(4)).maxMessageSize(ByteSize.ofKibibytes(4))
                .consumeQueueSegmentEntries(1000).indexHashSlots(1000).indexEntriesPerFile(4000).build(),
                List.of(longPolling));
        topics = TopicRegistry.load(dir.resolve("config"));
        GroupRegistry groups = GroupRegistry.load(dir.resolve("config"), false);
        groups.put(new GroupConfig(GROUP, 1000, true, true));
        consumption = new ConsumptionService(store, longPolling, topics, groups, ProgressJournal.inStore(store),
                dir.resolve("config"), clock,
                clientId -> true, 10_000);
    }

    @AfterProperty
    void close() throws Exception {
        consumption.close();
        store.close();
        scheduler.shutdownNow();
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 200)
    void messageGroupsGoOutInOrderAndNothingIsStranded(@ForAll @Size(max = 60) List<@From("ops") Op> ops)
            throws Exception {
        new Run("fifo-" + topicNumber.incrementAndGet()).execute(ops);
    }

    @Provide
    Arbitrary<Op> ops() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0, MESSAGE_GROUPS.length - 1).map(Send::new)),
                Tuple.of(4, Arbitraries.integers().between(1, 4).map(Receive::new)),
                Tuple.of(4, Arbitraries.integers().between(0, 100).map(Ack::new)),
                Tuple.of(1, Arbitraries.just(new Expire())));
    }

    /** One sequence on a topic of its own. */
    private final class Run {
        private final String topic;
        /** Each message group's messages, by body, in send order. */
        private final Map<String, List<String>> sent = new HashMap<>();
        private final Set<String> acknowledged = new HashSet<>();
        /** What the consumer holds now: body to delivery. A redelivery replaces the stale one. */
        private final Map<String, Delivery> held = new HashMap<>();
        private int sequence;

        Run(String topic) {
            this.topic = topic;
            topics.put(TopicConfig.of(topic, 1, TopicMessageType.FIFO));
        }

        void execute(List<Op> ops) throws Exception {
            for (Op op : ops) {
                if (op instanceof Send send) {
                    send(MESSAGE_GROUPS[send.messageGroup()]);
                } else if (op instanceof Receive receive) {
                    receive(receive.max());
                } else if (op instanceof Ack ack) {
                    ackOne(ack.pick());
                } else {
                    expire();
                }
            }
            drain();
        }

        private void send(String messageGroup) throws Exception {
            String body = messageGroup + (sequence++);
            store.append(Message.of(topic, 0, Map.of(SystemProperties.MESSAGE_GROUP, messageGroup),
                    body.getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
            sent.computeIfAbsent(messageGroup, g -> new ArrayList<>()).add(body);
            while (store.stats().dispatchedOffset() < store.stats().logWrittenOffset()) {
                Thread.onSpinWait();
            }
        }

        private void receive(int max) throws Exception {
            List<Delivery> batch = consumption.receive(new ReceiveRequest(GROUP, topic, 0, max, TagFilter.all(),
                    INVISIBLE, false, Duration.ZERO, "client", null)).get(5, TimeUnit.SECONDS);
            Set<String> earlierInBatch = new HashSet<>();
            for (Delivery delivery : batch) {
                String body = new String(delivery.message().body(), StandardCharsets.UTF_8);
                String messageGroup = delivery.message().properties().get(SystemProperties.MESSAGE_GROUP);
                for (String earlier : sent.get(messageGroup)) {
                    if (earlier.equals(body)) {
                        break;
                    }
                    assertThat(acknowledged.contains(earlier) || earlierInBatch.contains(earlier))
                            .as("%s went out while %s of its group was not done", body, earlier).isTrue();
                }
                assertThat(acknowledged).as("acknowledged messages never come back").doesNotContain(body);
                earlierInBatch.add(body);
                held.put(body, delivery);
            }
        }

        private void ackOne(int pick) throws Exception {
            if (held.isEmpty()) {
                return;
            }
            List<String> bodies = new ArrayList<>(held.keySet());
            bodies.sort(null);
            String body = bodies.get(pick % bodies.size());
            Delivery delivery = held.remove(body);
            try {
                consumption.acknowledge(GROUP, topic, List.of(delivery.handle().encode())).get(0)
                        .get(5, TimeUnit.SECONDS);
                acknowledged.add(body);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(InvalidReceiptHandleException.class);
            }
        }

        private void expire() {
            clock.advance(INVISIBLE.plusSeconds(1));
            held.clear();
        }

        /** Receives and acknowledges until everything sent is acknowledged; fails if something never comes. */
        private void drain() throws Exception {
            int total = sent.values().stream().mapToInt(List::size).sum();
            for (int round = 0; round < total + 10 && acknowledged.size() < total; round++) {
                expire();
                receive(4);
                while (!held.isEmpty()) {
                    ackOne(0);
                    receive(4);
                }
            }
            assertThat(acknowledged).as("every message delivered and acknowledged in the end").hasSize(total);
        }
    }
}
