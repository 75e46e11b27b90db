package io.couriermq.broker.core.consume;

import io.couriermq.broker.core.group.GroupConfig;
import io.couriermq.broker.core.group.GroupRegistry;
import io.couriermq.broker.core.persist.JsonFile;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Server-side consumption for every consumer group: hands out messages with an invisibility period, takes
 * acknowledgements and changes of invisibility, redelivers what was not acknowledged in time, moves messages out
 * of attempts to the group's dead-letter topic, and keeps progress across restarts through a
 * {@link ProgressJournal} and periodic {@link ConsumerOffsetSnapshot}s.
 *
 * <p>Thread-safe. Nothing here blocks a caller: receives that find nothing are parked in {@link LongPolling} and
 * completed later from the poll executor.
 */
public final class ConsumptionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumptionService.class);
    /** Property names written on dead-letter copies, naming where the message came from. */
    public static final String ORIGIN_TOPIC = "DLQ_ORIGIN_TOPIC";
    public static final String ORIGIN_MESSAGE_ID = "DLQ_ORIGIN_MESSAGE_ID";
    public static final String DELIVERY_ATTEMPTS = "DLQ_DELIVERY_ATTEMPTS";

    private static final Duration DEAD_LETTER_HOLD = Duration.ofMinutes(1);
    /** Receives remembered for retries with the same attempt id; a client retries within seconds. */
    private static final int RECENT_ATTEMPTS = 4096;

    private record CursorKey(String group, String topic, int queueId) {
    }

    private final MessageStore store;
    private final TopicRegistry topics;
    private final GroupRegistry groups;
    private final ProgressJournal journal;
    private final JsonFile<ConsumerOffsetSnapshot> snapshotFile;
    private final LongPolling longPolling;
    private final Clock clock;
    private final Predicate<String> clientAlive;
    private final int maxWindow;
    private final Map<CursorKey, QueueCursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong nonces;
    private final ReceiveAttempts attempts = new ReceiveAttempts(RECENT_ATTEMPTS);

    /**
     * @param longPolling the parking lot for empty receives; the store must have been opened with it as a
     *                    listener, so arrivals wake the receives waiting for them
     * @param journal     where progress is made durable: {@link ProgressJournal#inStore} on a master,
     *                    {@link ProgressJournal#onReplica} on a slave; closed with this service
     * @param maxWindow   offsets a cursor may have between its committed offset and the next new message before
     *                    it stops handing out new messages (bounding memory for consumers that never ack)
     */
    public ConsumptionService(MessageStore store, LongPolling longPolling, TopicRegistry topics, GroupRegistry groups,
                              ProgressJournal journal, Path configDir, Clock clock, Predicate<String> clientAlive,
                              int maxWindow) {
        this.store = store;
        this.topics = topics;
        this.groups = groups;
        this.journal = journal;
        this.snapshotFile = new JsonFile<>(configDir.resolve("consumerOffset.json"), ConsumerOffsetSnapshot.class);
        this.longPolling = longPolling;
        this.clock = clock;
        this.clientAlive = clientAlive;
        this.maxWindow = maxWindow;
        this.nonces = new AtomicLong(clock.millis() << 20);
    }

    /** Loads the last snapshot and replays the journal after it; call before serving. */
    public void recover() {
        try {
            ConsumerOffsetSnapshot snapshot = snapshotFile.read().orElse(new ConsumerOffsetSnapshot(0, List.of()));
            for (ConsumerOffsetSnapshot.CursorState state : snapshot.cursors()) {
                QueueCursor cursor = newCursor(state.group(), state.topic(), state.queueId(), state.committed());
                cursor.restoreAcked(state.acked());
                cursors.put(new CursorKey(state.group(), state.topic(), state.queueId()), cursor);
            }
            journal.replay(snapshot.journalOffset(), this::applyJournalEntry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + snapshotFile.path(), e);
        }
    }

    private void applyJournalEntry(ConsumerJournal.Entry entry) {
        QueueCursor cursor = cursor(entry.group(), entry.topic(), entry.queueId());
        if (entry.kind() == ConsumerJournal.Entry.ACK) {
            cursor.replayAck(entry.offset());
        } else {
            cursor.reset(entry.offset());
        }
    }

    /**
     * Starts the periodic work: waking receives for expired deliveries, applying progress that arrives by
     * replication (on a slave), and snapshots.
     */
    public void start(ScheduledExecutorService scheduler, Duration snapshotInterval) {
        scheduler.scheduleWithFixedDelay(this::wakeForExpiredDeliveries, 100, 100, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::catchUpQuietly, 200, 200, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::snapshotQuietly, snapshotInterval.toMillis(),
                snapshotInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Receives messages: completes with deliveries as soon as there are any, or with an empty list once the
     * long-poll time has passed without any.
     */
    public CompletableFuture<List<Delivery>> receive(ReceiveRequest request) {
        GroupConfig group = requireConsumable(request.group(), request.topic());
        List<Delivery> repeated = repeatAttempt(request);
        if (!repeated.isEmpty()) {
            return CompletableFuture.completedFuture(repeated);
        }
        CompletableFuture<List<Delivery>> result = new CompletableFuture<>();
        // Poll time is real elapsed time; the injected clock only dates invisibility.
        long deadlineNanos = System.nanoTime() + request.longPollTimeout().toNanos();
        attemptReceive(request, group, deadlineNanos, false, result);
        return result;
    }

    private void attemptReceive(ReceiveRequest request, GroupConfig group, long deadlineNanos, boolean lastAttempt,
                                CompletableFuture<List<Delivery>> result) {
        try {
            TopicConfig topic = requireTopic(request.topic());
            boolean oneQueue = readsOneQueue(request, group, topic);
            long eventsSeen = longPolling.events(request.topic());
            List<Delivery> deliveries = claimAcrossQueues(request, group, topic, oneQueue);
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (!deliveries.isEmpty() || lastAttempt || remainingMillis <= 0) {
                attempts.remember(request.group(), request.attemptId(), deliveries);
                result.complete(deliveries);
                return;
            }
            longPolling.parkReceive(request.topic(), request.group(), oneQueue, eventsSeen, remainingMillis,
                    () -> attemptReceive(request, group, deadlineNanos, false, result),
                    () -> attemptReceive(request, group, deadlineNanos, true, result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** The deliveries of an earlier receive with the request's attempt id that are still out, handed out again. */
    private List<Delivery> repeatAttempt(ReceiveRequest request) {
        List<Delivery> again = new ArrayList<>();
        for (ReceiptHandle handle : attempts.handedOut(request.group(), request.attemptId())) {
            Delivery delivery = cursor(request.group(), handle.topic(), handle.queueId()).currentDelivery(store, handle);
            if (delivery != null) {
                again.add(delivery);
            }
        }
        return again;
    }

    private TopicConfig requireTopic(String name) {
        return topics.find(name).orElseThrow(() -> new ConsumptionException(
                ConsumptionException.Reason.TOPIC_NOT_FOUND, "topic " + name + " does not exist"));
    }

    /**
     * Whether a receive reads only the queue it names. A FIFO push consumer (auto-renewing) runs one receive loop per
     * queue assigned to it, so each loop reads its own queue. A simple consumer names a queue in turn but cannot know
     * which holds a group that is ready: it reads them all, as RocketMQ's proxy pops every queue of the broker.
     */
    private static boolean readsOneQueue(ReceiveRequest request, GroupConfig group, TopicConfig topic) {
        return request.queueId() >= 0 && request.autoRenew() && group.fifo()
                && topic.messageType() == TopicMessageType.FIFO;
    }

    private List<Delivery> claimAcrossQueues(ReceiveRequest request, GroupConfig group, TopicConfig topic,
                                             boolean oneQueue) {
        int queues = topic.readQueueNums();
        int first = request.queueId() >= 0 ? request.queueId() % queues : Math.floorMod(nonces.get(), queues);
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < (oneQueue ? 1 : queues) && deliveries.size() < request.maxMessages(); i++) {
            QueueCursor cursor = cursor(request.group(), request.topic(), (first + i) % queues);
            ClaimRequest claim = new ClaimRequest(request.maxMessages() - deliveries.size(), request.filter(),
                    request.invisible().toMillis(), request.autoRenew(), request.clientId(),
                    group.maxDeliveryAttempts(), group.fifo());
            QueueCursor.Claim claimed = cursor.claim(store, claim, clock.millis(), nonces::incrementAndGet,
                    clientAlive);
            deliveries.addAll(claimed.deliveries());
            claimed.deadLetters().forEach(letter -> deadLetter(request.group(), cursor, letter));
        }
        return deliveries;
    }

    /** Writes a message to the group's dead-letter topic, then finishes it in its queue. */
    private CompletableFuture<Void> deadLetter(String group, QueueCursor cursor, QueueCursor.DeadLetter letter) {
        StoredMessage original = letter.message();
        String dlq = TopicNames.deadLetterTopic(group);
        topics.getOrCreate(dlq, TopicConfig.of(dlq, 1, TopicMessageType.NORMAL));
        Map<String, String> properties = new HashMap<>(original.properties());
        properties.put(ORIGIN_TOPIC, original.topic());
        properties.put(DELIVERY_ATTEMPTS, Integer.toString(letter.attempts()));
        if (original.messageId() != null) {
            properties.put(ORIGIN_MESSAGE_ID, original.messageId());
        }
        Message copy = new Message(dlq, 0, original.flags(), properties, original.body(), original.bornTimestamp(),
                original.bornHost());
        return store.append(copy)
                .thenCompose(appended -> journal.append(new ConsumerJournal.Entry(ConsumerJournal.Entry.ACK, group,
                        cursor.topic(), cursor.queueId(), original.queueOffset())))
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        cursor.acknowledgeDeadLetter(original.queueOffset());
                        wakeIfReady(cursor);
                    } else {
                        LOG.warn("moving {}/{}@{} to {} failed; it will be retried", original.topic(),
                                original.queueId(), original.queueOffset(), dlq, failure);
                    }
                });
    }

    /**
     * Acknowledges deliveries of one topic; returns one future per receipt handle, in order, each completing once
     * its acknowledgement is durable, or failing on its own if the handle is not valid. The acknowledgements are
     * journaled together, in one record.
     */
    public List<CompletableFuture<Void>> acknowledge(String group, String topic, List<String> receiptHandles) {
        List<CompletableFuture<Void>> results = new ArrayList<>(receiptHandles.size());
        List<ConsumerJournal.Entry> entries = new ArrayList<>(receiptHandles.size());
        CompletableFuture<Void> journaled = new CompletableFuture<>();
        for (String receiptHandle : receiptHandles) {
            try {
                ReceiptHandle handle = decode(topic, receiptHandle);
                QueueCursor cursor = cursor(group, topic, handle.queueId());
                if (cursor.acknowledge(handle.offset(), handle.nonce())) {
                    wakeIfReady(cursor);
                    entries.add(new ConsumerJournal.Entry(ConsumerJournal.Entry.ACK, group, topic, handle.queueId(),
                            handle.offset()));
                    results.add(journaled);
                } else {
                    results.add(CompletableFuture.completedFuture(null));
                }
            } catch (RuntimeException e) {
                results.add(CompletableFuture.failedFuture(e));
            }
        }
        if (!entries.isEmpty()) {
            journal.append(entries).whenComplete((done, failure) -> {
                if (failure == null) {
                    journaled.complete(null);
                } else {
                    journaled.completeExceptionally(failure);
                }
            });
        }
        return results;
    }

    /** A message held back behind an acknowledged one (FIFO) may go now: a parked receive should have it. */
    private void wakeIfReady(QueueCursor cursor) {
        if (cursor.hasReady()) {
            longPolling.wakeReceive(cursor.topic(), cursor.group());
        }
    }

    /** Makes a delivery invisible for {@code invisible} from now; returns the delivery's new handle. */
    public Delivery changeInvisibility(String group, String topic, String receiptHandle, Duration invisible) {
        ReceiptHandle handle = decode(topic, receiptHandle);
        return cursor(group, topic, handle.queueId()).changeInvisibility(handle.offset(), handle.nonce(),
                invisible.toMillis(), clock.millis(), nonces::incrementAndGet);
    }

    /**
     * Moves a delivered message to the group's dead-letter topic at the client's request (FIFO consumers whose
     * local retries ran out) and finishes it.
     */
    public CompletableFuture<Void> forwardToDeadLetter(String group, String topic, String receiptHandle, int attempts) {
        ReceiptHandle handle = decode(topic, receiptHandle);
        QueueCursor cursor = cursor(group, topic, handle.queueId());
        StoredMessage message = store.getMessages(topic, handle.queueId(), handle.offset(), 1, TagFilter.all())
                .messages().stream()
                .filter(m -> m.queueOffset() == handle.offset()).findFirst()
                .orElseThrow(() -> new InvalidReceiptHandleException("the message of this receipt handle is gone"));
        // Hold the message invisible while it is written out; if that fails, it comes back after this period.
        cursor.changeInvisibility(handle.offset(), handle.nonce(), DEAD_LETTER_HOLD.toMillis(), clock.millis(),
                nonces::incrementAndGet);
        return deadLetter(group, cursor, new QueueCursor.DeadLetter(message, attempts));
    }

    /** Sets a group's committed offset of one queue (pull consumers, admin resets); durable when complete. */
    public CompletableFuture<Void> resetOffset(String group, String topic, int queueId, long offset) {
        cursor(group, topic, queueId).reset(offset);
        return journal.append(new ConsumerJournal.Entry(ConsumerJournal.Entry.RESET, group, topic, queueId, offset));
    }

    /** A group's committed offset of one queue: everything below it is consumed. */
    public long committedOffset(String group, String topic, int queueId) {
        return cursor(group, topic, queueId).progress().committed();
    }

    /** Progress of every queue a group has consumed from. */
    public List<CursorProgress> progress(String group) {
        List<CursorProgress> progress = new ArrayList<>();
        cursors.forEach((key, cursor) -> {
            if (key.group().equals(group)) {
                progress.add(cursor.progress());
            }
        });
        return progress;
    }

    /** Progress of every cursor, for metrics. */
    public List<CursorProgress> allProgress() {
        return cursors.values().stream().map(QueueCursor::progress).toList();
    }

    private QueueCursor cursor(String group, String topic, int queueId) {
        return cursors.computeIfAbsent(new CursorKey(group, topic, queueId),
                key -> newCursor(group, topic, queueId, initialOffset(topic, queueId)));
    }

    private QueueCursor newCursor(String group, String topic, int queueId, long committed) {
        boolean fifo = groups.find(group).map(GroupConfig::fifo).orElse(false);
        return new QueueCursor(group, topic, queueId, committed, maxWindow, fifo);
    }

    /**
     * Where a group that never consumed a queue starts, as RocketMQ decides it: from the beginning while the queue
     * still holds its very first message, otherwise from the end, so a new group does not replay days of history.
     */
    private long initialOffset(String topic, int queueId) {
        return store.minOffset(topic, queueId) == 0 ? 0 : store.maxOffset(topic, queueId);
    }

    private GroupConfig requireConsumable(String groupName, String topicName) {
        GroupConfig group = groups.resolve(groupName).orElseThrow(() -> new ConsumptionException(
                ConsumptionException.Reason.GROUP_NOT_FOUND, "consumer group " + groupName + " does not exist"));
        if (!group.consumeEnable()) {
            throw new ConsumptionException(ConsumptionException.Reason.CONSUME_DISABLED,
                    "consumer group " + groupName + " may not consume");
        }
        TopicConfig topic = requireTopic(topicName);
        if (!topic.readable()) {
            throw new ConsumptionException(ConsumptionException.Reason.NOT_READABLE,
                    "topic " + topicName + " is not readable");
        }
        return group;
    }

    private static ReceiptHandle decode(String topic, String receiptHandle) {
        ReceiptHandle handle = ReceiptHandle.decode(receiptHandle);
        if (!handle.topic().equals(topic)) {
            throw new InvalidReceiptHandleException("receipt handle belongs to topic " + handle.topic()
                    + ", not " + topic);
        }
        return handle;
    }

    private void wakeForExpiredDeliveries() {
        long now = clock.millis();
        cursors.values().stream()
                .filter(cursor -> cursor.earliestDeadline() <= now || cursor.hasReady())
                .forEach(cursor -> longPolling.wakeReceive(cursor.topic(), cursor.group()));
    }

    /** Writes a snapshot of all cursors; the journal position is read first, so replay covers what follows. */
    public void snapshot() throws IOException {
        journal.snapshot(journalOffset -> {
            List<ConsumerOffsetSnapshot.CursorState> states = new ArrayList<>();
            for (QueueCursor cursor : cursors.values()) {
                CursorProgress progress = cursor.progress();
                states.add(new ConsumerOffsetSnapshot.CursorState(progress.group(), progress.topic(),
                        progress.queueId(), progress.committed(), progress.ackedRanges()));
            }
            snapshotFile.write(new ConsumerOffsetSnapshot(journalOffset, states));
        });
    }

    private void catchUpQuietly() {
        try {
            journal.catchUp(this::applyJournalEntry);
        } catch (RuntimeException e) {
            LOG.error("applying replicated consumer progress failed", e);
        }
    }

    private void snapshotQuietly() {
        try {
            snapshot();
        } catch (IOException | RuntimeException e) {
            LOG.error("consumer offset snapshot failed", e);
        }
    }

    /** Parked receives, for metrics. */
    public int parkedReceives() {
        return longPolling.waiting();
    }

    @Override
    public void close() throws IOException {
        try {
            snapshot();
        } finally {
            journal.close();
        }
    }
}
