package io.couriermq.broker.core.timer;

import io.couriermq.broker.core.persist.JsonFile;
import io.couriermq.broker.core.produce.Envelope;
import io.couriermq.broker.core.produce.SystemProperties;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.AppendResult;
import io.couriermq.store.GetResult;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreException;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The timer's work, one round per {@link #doWork} call: read new timer messages from the timer topic's queue into
 * the schedule ({@link TimerBuckets}), read the buckets coming due into the in-memory window ({@link DueHeap}),
 * and release what is due: append it to its real topic, or, if it is not due yet but has waited as long as
 * retention allows, append the timer message anew.
 *
 * <p>Schedule order is (due time, commit log offset), and releases start in that order. To keep it so, an entry
 * that arrives already due (a timer message stored just before its time, or read again after a restart) is
 * scheduled just after the last entry taken from the window. Then "released up to entry X" is a checkpoint:
 * everything at or before X in schedule order is out, and a restart skips it.
 *
 * <p>Durability: {@link #checkpoint} forces the schedule files, then records how far the timer topic has been
 * read and how far releases have completed. After a crash, messages read or released since then are read or
 * released again: delivery is at least once, and repeats are bounded by the checkpoint interval. An entry read
 * twice with the same due time is released once.
 *
 * <p>Not thread-safe: one timer thread runs it; release completions arrive through {@link InFlightDeliveries}.
 */
final class TimerWheel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimerWheel.class);
    private static final int ENQUEUE_BATCH = 1024;
    /** A bucket is read into memory this long before it starts, so reading it never delays its first entry. */
    static final long LOOKAHEAD_MILLIS = 1000;
    private static final long RETRY_PAUSE_MILLIS = 100;
    private static final long MAX_IDLE_MILLIS = 1000;

    private final MessageStore store;
    private final TimerConfig config;
    private final TimerBuckets buckets;
    private final JsonFile<TimerCheckpoint> checkpointFile;
    private final DueHeap window = new DueHeap();
    private final InFlightDeliveries inFlight;
    private final LongConsumer latenessMillis;
    private TimerCheckpoint checkpointed;
    private long enqueueNext;
    /** Every scheduled entry due before this is in the window or already taken from it. */
    private long windowEnd;
    private long frontierDueAt;
    private long frontierOffset;
    private long scheduledEntries;
    private long lastCheckpointAt;
    private long nextRetryAt;
    private long now;
    private long delivered;
    private long rolled;
    private long dropped;
    private volatile TimerStats stats = TimerStats.EMPTY;

    private TimerWheel(MessageStore store, TimerConfig config, TimerBuckets buckets,
                       JsonFile<TimerCheckpoint> checkpointFile, TimerCheckpoint checkpoint, Runnable wake,
                       LongConsumer latenessMillis) {
        this.store = store;
        this.config = config;
        this.buckets = buckets;
        this.checkpointFile = checkpointFile;
        this.checkpointed = checkpoint;
        this.latenessMillis = latenessMillis;
        this.inFlight = new InFlightDeliveries(config.maxInFlight(), wake);
        this.frontierDueAt = checkpoint.releasedDueAt();
        this.frontierOffset = checkpoint.releasedOffset();
        this.windowEnd = buckets.bucketOf(frontierDueAt);
        this.scheduledEntries = buckets.entries();
        long queueStart = store.minOffset(TopicNames.TIMER_TOPIC, Envelope.PARKING_QUEUE);
        long queueEnd = store.maxOffset(TopicNames.TIMER_TOPIC, Envelope.PARKING_QUEUE);
        // The log may have lost its tail in a crash, or retention may have taken old timer messages.
        this.enqueueNext = Math.min(Math.max(checkpoint.enqueuedTo(), queueStart), queueEnd);
    }

    /**
     * Opens the schedule in {@code dir} and resumes from its checkpoint.
     *
     * @param wake           called (on any thread) when a release completes, to wake the timer thread
     * @param latenessMillis told, for each message delivered, how long after its delivery time it went out
     */
    static TimerWheel open(MessageStore store, Path dir, TimerConfig config, Runnable wake,
                           LongConsumer latenessMillis) throws IOException {
        JsonFile<TimerCheckpoint> checkpointFile = new JsonFile<>(dir.resolve("checkpoint.json"),
                TimerCheckpoint.class);
        TimerCheckpoint checkpoint = checkpointFile.read().orElse(TimerCheckpoint.START);
        TimerBuckets buckets = TimerBuckets.open(dir.resolve("buckets"), config.bucketWidth());
        try {
            // Buckets before the checkpoint's were released completely; a crash may have kept their files.
            buckets.deleteBefore(buckets.bucketOf(checkpoint.releasedDueAt()));
            return new TimerWheel(store, config, buckets, checkpointFile, checkpoint, wake, latenessMillis);
        } catch (IOException | RuntimeException e) {
            buckets.close();
            throw e;
        }
    }

    /** One round at time {@code nowMillis}; returns how much it did (0: nothing to do until woken or due). */
    int doWork(long nowMillis) throws IOException {
        now = nowMillis;
        int work = retire();
        if (now >= nextRetryAt) {
            int restarted = inFlight.restartFailed(this::start);
            if (restarted > 0) {
                nextRetryAt = now + RETRY_PAUSE_MILLIS;
                work += restarted;
            }
        }
        work += enqueue();
        work += advanceWindow();
        work += releaseDue();
        if (now - lastCheckpointAt >= config.checkpointInterval().toMillis()) {
            checkpoint();
        }
        publishStats();
        return work;
    }

    /** How long the timer may sleep after a round that did nothing, unless woken. */
    long millisUntilWork(long nowMillis) {
        long next = nowMillis + MAX_IDLE_MILLIS;
        if (!window.isEmpty() && inFlight.hasRoom()) {
            next = Math.min(next, window.peekDueAt());
        }
        if (window.size() < config.maxWindowEntries()) {
            next = Math.min(next, windowEnd - LOOKAHEAD_MILLIS);
        }
        if (inFlight.hasFailures()) {
            next = Math.min(next, nextRetryAt);
        }
        next = Math.min(next, lastCheckpointAt + config.checkpointInterval().toMillis());
        return Math.max(0, next - nowMillis);
    }

    private int retire() {
        int retired = inFlight.retire();
        scheduledEntries -= retired;
        return retired;
    }

    /** Reads a batch of new timer messages into the schedule. */
    private int enqueue() throws IOException {
        GetResult batch = store.getMessages(TopicNames.TIMER_TOPIC, Envelope.PARKING_QUEUE, enqueueNext,
                ENQUEUE_BATCH, TagFilter.all());
        switch (batch.status()) {
            case FOUND, NO_MATCHED_MESSAGE -> {
                for (StoredMessage message : batch.messages()) {
                    schedule(message);
                }
                buckets.writeBuffered();
            }
            case OFFSET_TOO_SMALL -> LOG.error("timer messages at queue offsets {} to {} were deleted by retention "
                    + "before they were scheduled", enqueueNext, batch.nextOffset());
            default -> {
                return 0;
            }
        }
        long before = enqueueNext;
        enqueueNext = batch.nextOffset();
        return (int) Math.min(Integer.MAX_VALUE, enqueueNext - before);
    }

    private void schedule(StoredMessage message) {
        long deliverAt = deliveryTime(message);
        if (deliverAt < 0) {
            LOG.error("timer message at log offset {} has no valid delivery time; it is not scheduled",
                    message.physicalOffset());
            return;
        }
        long dueAt = Math.min(deliverAt, now + config.rollInterval().toMillis());
        if (dueAt <= frontierDueAt) {
            dueAt = frontierDueAt + 1;
        }
        buckets.add(dueAt, message.physicalOffset(), message.recordSize());
        scheduledEntries++;
        if (dueAt < windowEnd) {
            window.add(dueAt, message.physicalOffset(), message.recordSize());
        }
    }

    /** Reads buckets into the window up to a bucket past now (plus lookahead), as memory allows. */
    private int advanceWindow() throws IOException {
        long target = buckets.bucketOf(now + LOOKAHEAD_MILLIS) + buckets.widthMillis();
        int loaded = 0;
        while (windowEnd < target && window.size() < config.maxWindowEntries()) {
            Long next = buckets.firstBucketFrom(windowEnd);
            if (next == null || next >= target) {
                windowEnd = target;
                break;
            }
            buckets.load(next, (dueAt, logOffset, size) -> {
                if (dueAt > frontierDueAt || (dueAt == frontierDueAt && logOffset > frontierOffset)) {
                    window.add(dueAt, logOffset, size);
                } else {
                    scheduledEntries--;
                }
            });
            windowEnd = next + buckets.widthMillis();
            loaded++;
        }
        return loaded;
    }

    private int releaseDue() {
        int released = 0;
        while (!window.isEmpty() && window.peekDueAt() <= now && inFlight.hasRoom()) {
            long dueAt = window.peekDueAt();
            long logOffset = window.peekOffset();
            int size = window.peekSize();
            window.remove();
            if (dueAt == frontierDueAt && logOffset == frontierOffset) {
                scheduledEntries--;
                continue;
            }
            frontierDueAt = dueAt;
            frontierOffset = logOffset;
            start(inFlight.add(dueAt, logOffset, size), dueAt, logOffset, size);
            released++;
        }
        return released;
    }

    /** Appends the released message (or the timer message anew); completion is reported to {@link #inFlight}. */
    private void start(long sequence, long dueAt, long logOffset, int size) {
        StoredMessage parked;
        try {
            parked = store.getMessage(logOffset);
        } catch (StoreException e) {
            drop(sequence, logOffset, e.getMessage());
            return;
        }
        if (!Envelope.isParkedIn(parked, TopicNames.TIMER_TOPIC) || parked.recordSize() != size) {
            drop(sequence, logOffset, "the record there is not the timer message scheduled");
            return;
        }
        long deliverAt = deliveryTime(parked);
        Message next;
        if (deliverAt > now) {
            next = Envelope.repark(parked);
            rolled++;
        } else {
            next = Envelope.release(parked);
            delivered++;
            latenessMillis.accept(now - deliverAt);
        }
        CompletableFuture<AppendResult> appended;
        try {
            appended = store.append(next);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        appended.whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("releasing the timer message at log offset {} failed; retrying: {}", logOffset,
                        failure.getMessage());
            }
            inFlight.complete(sequence, failure == null);
        });
    }

    private void drop(long sequence, long logOffset, String why) {
        LOG.error("timer entry for log offset {} dropped: {}", logOffset, why);
        dropped++;
        inFlight.complete(sequence, true);
    }

    /** The delivery time a timer message carries, or -1 if it carries none. */
    private static long deliveryTime(StoredMessage message) {
        String value = message.properties().get(SystemProperties.DELIVERY_TIMESTAMP);
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Makes progress durable: schedule files first, then the checkpoint that relies on them. */
    void checkpoint() throws IOException {
        lastCheckpointAt = now;
        buckets.force();
        TimerCheckpoint current = inFlight.anyRetired()
                ? new TimerCheckpoint(enqueueNext, inFlight.retiredDueAt(), inFlight.retiredOffset())
                : new TimerCheckpoint(enqueueNext, checkpointed.releasedDueAt(), checkpointed.releasedOffset());
        if (current.equals(checkpointed)) {
            return;
        }
        checkpointFile.write(current);
        checkpointed = current;
        buckets.deleteBefore(buckets.bucketOf(current.releasedDueAt()));
    }

    private void publishStats() {
        long notYetScheduled = Math.max(0,
                store.maxOffset(TopicNames.TIMER_TOPIC, Envelope.PARKING_QUEUE) - enqueueNext);
        stats = new TimerStats(scheduledEntries + notYetScheduled, window.size(), notYetScheduled,
                inFlight.inFlight(), window.isEmpty() ? 0 : window.peekDueAt(), delivered, rolled, dropped);
    }

    /** Safe to read from any thread. */
    TimerStats stats() {
        return stats;
    }

    /**
     * Waits (up to {@code timeoutMillis}) for the releases in flight to complete, then checkpoints, so that a
     * clean shutdown repeats nothing. Call after the last {@link #doWork}, on the thread that ran it.
     */
    void drain(long nowMillis, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        retire();
        while (inFlight.inFlight() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
            retire();
        }
        now = nowMillis;
        checkpoint();
        publishStats();
    }

    @Override
    public void close() {
        buckets.close();
    }
}
