package io.couriermq.broker.core.transaction;

import io.couriermq.broker.core.persist.JsonFile;
import io.couriermq.broker.core.produce.Envelope;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.AppendResult;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transactional messages. A transactional send stores a half message, parked in the half topic where no consumer
 * sees it. Ending the transaction with COMMIT appends the message to its topic and then an op record; ROLLBACK
 * appends only the op record. Transactions left open are the {@link TransactionChecker}'s business.
 *
 * <p>Which transactions are open is derived from the logs: {@link #readLogs()} reads new half messages and new op
 * records into the pending table, and a restart does the same from the last {@link TransactionSnapshot}. An end
 * request may arrive before the tick has read its half message, so ends in progress are tracked separately, and
 * an op record is only applied once its half message has been read (otherwise the half would look open again).
 * Commit appends the message before its op record: a crash between the two leaves the transaction open, to be
 * checked and possibly committed again (at least once, never lost).
 *
 * <p>Thread-safe.
 */
public final class TransactionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionService.class);
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(5);
    private static final int RECENT_OUTCOMES = 65_536;

    /** An end in progress, or done and not yet read back from the op topic. */
    private record Ending(TransactionOutcome outcome, CompletableFuture<Void> done) {
    }

    private final TransactionOps ops;
    private final TransactionConfig config;
    private final Clock clock;
    private final TransactionObserver observer;
    private final JsonFile<TransactionSnapshot> snapshotFile;
    private final Map<Long, PendingTransaction> pending = new ConcurrentHashMap<>();
    private final Map<Long, Ending> ending = new ConcurrentHashMap<>();
    private final Map<Long, TransactionOutcome> recentOutcomes;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();
    private volatile long halfNext;
    private volatile long opNext;
    private long lastSnapshotAt;
    private volatile boolean changedSinceSnapshot;

    private TransactionService(MessageStore store, TransactionConfig config, Clock clock,
                               TransactionObserver observer, JsonFile<TransactionSnapshot> snapshotFile) {
        this.ops = new TransactionOps(store);
        this.config = config;
        this.clock = clock;
        this.observer = observer;
        this.snapshotFile = snapshotFile;
        this.recentOutcomes = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, TransactionOutcome> eldest) {
                return size() > RECENT_OUTCOMES;
            }
        };
    }

    /**
     * Recovers the open transactions: the snapshot in {@code configDir}, then the half and op topics after it.
     * None is checked before producers had {@link TransactionConfig#timeout()} to reconnect.
     */
    public static TransactionService open(MessageStore store, Path configDir, TransactionConfig config, Clock clock,
                                          TransactionObserver observer) {
        JsonFile<TransactionSnapshot> file = new JsonFile<>(configDir.resolve("transactions.json"),
                TransactionSnapshot.class);
        TransactionService service = new TransactionService(store, config, clock, observer, file);
        try {
            TransactionSnapshot snapshot = file.read().orElse(TransactionSnapshot.EMPTY);
            snapshot.pending().forEach(p -> service.pending.put(p.halfQueueOffset(), p));
            service.halfNext = snapshot.halfNext();
            service.opNext = snapshot.opNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        service.readLogs();
        long grace = clock.millis() + config.timeout().toMillis();
        service.pending.replaceAll((offset, transaction) -> transaction.checkNoEarlierThan(grace));
        return service;
    }

    /**
     * The half message to append for a transactional send: parked where no consumer sees it. Its transaction id is
     * {@link TransactionIds#of} its commit log offset, which {@link #end} reads it from; recovery and the checker
     * find it by its queue offset in the half topic.
     */
    public static Message half(Message message) {
        return Envelope.park(message, TopicNames.TRANSACTION_HALF_TOPIC);
    }

    /**
     * Ends a transaction: COMMIT delivers its message, once; ROLLBACK discards it. Ending it again the same way
     * succeeds and changes nothing.
     *
     * @throws InvalidTransactionException if the id, message and topic do not name an open transaction here, or
     *                                     it already ended the other way
     */
    public CompletableFuture<Void> end(String transactionId, String messageId, String topic,
                                       TransactionOutcome outcome) {
        StoredMessage half = ops.halfAt(TransactionIds.halfPhysicalOffset(transactionId));
        if (half == null || !Objects.equals(half.messageId(), messageId) || !Envelope.realTopic(half).equals(topic)) {
            throw new InvalidTransactionException("transaction " + transactionId + " of message " + messageId
                    + " in topic " + topic + " was not begun on this broker");
        }
        long halfOffset = half.queueOffset();
        Ending mine = new Ending(outcome, new CompletableFuture<>());
        Ending earlier = ending.putIfAbsent(halfOffset, mine);
        if (earlier != null) {
            return sameOutcome(transactionId, earlier.outcome(), outcome, earlier.done());
        }
        if (halfOffset < halfNext && !pending.containsKey(halfOffset)) {
            ending.remove(halfOffset, mine);
            TransactionOutcome before;
            synchronized (recentOutcomes) {
                before = recentOutcomes.get(halfOffset);
            }
            if (before == null) {
                throw new InvalidTransactionException("transaction " + transactionId + " ended long ago");
            }
            return sameOutcome(transactionId, before, outcome, CompletableFuture.completedFuture(null));
        }
        CompletableFuture<?> delivered = outcome == TransactionOutcome.COMMIT
                ? ops.appendReleased(half) : CompletableFuture.completedFuture(null);
        delivered.thenCompose(done -> ops.appendOutcome(new TransactionOps.Op(outcome, halfOffset)))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        ending.remove(halfOffset, mine);
                        mine.done().completeExceptionally(failure);
                        return;
                    }
                    (outcome == TransactionOutcome.COMMIT ? committed : rolledBack).incrementAndGet();
                    observer.onEnded(topic, outcome, clock.millis() - half.storeTimestamp());
                    mine.done().complete(null);
                });
        return mine.done();
    }

    private static CompletableFuture<Void> sameOutcome(String transactionId, TransactionOutcome earlier,
                                                       TransactionOutcome requested, CompletableFuture<Void> done) {
        if (earlier != requested) {
            throw new InvalidTransactionException("transaction " + transactionId + " already ended with " + earlier);
        }
        return done;
    }

    /** The open transactions due for a check at {@code now} that no one is ending right now, oldest first. */
    List<PendingTransaction> dueForCheck(long now) {
        List<PendingTransaction> due = new ArrayList<>();
        for (PendingTransaction transaction : pending.values()) {
            if (transaction.nextCheckAt() <= now && !ending.containsKey(transaction.halfQueueOffset())) {
                due.add(transaction);
            }
        }
        due.sort(Comparator.comparingLong(PendingTransaction::halfQueueOffset));
        return due;
    }

    /** The half message of an open transaction as its producer sent it, or null if the log no longer has it. */
    StoredMessage originalMessage(PendingTransaction transaction) {
        StoredMessage half = ops.half(transaction.halfQueueOffset());
        return half == null ? null : Envelope.original(half);
    }

    /** Records a check of a transaction that is still open; the next one is due at {@code nextCheckAt}. */
    void recordCheck(PendingTransaction transaction, long nextCheckAt) {
        if (pending.replace(transaction.halfQueueOffset(), transaction, transaction.checked(nextCheckAt))) {
            checks.incrementAndGet();
            changedSinceSnapshot = true;
        }
    }

    /** Writes a snapshot if something changed and the last one is old enough. */
    synchronized void maybeSnapshot(long now) throws IOException {
        if (changedSinceSnapshot && now - lastSnapshotAt >= SNAPSHOT_INTERVAL.toMillis()) {
            snapshot();
        }
    }

    /** Reads half messages, then the op records whose half message has been read. */
    synchronized void readLogs() {
        long readHalves = ops.readHalves(halfNext, half -> {
            long timeout = config.timeout().toMillis();
            pending.putIfAbsent(half.queueOffset(), new PendingTransaction(half.queueOffset(), half.physicalOffset(),
                    Envelope.realTopic(half), half.messageId(), half.storeTimestamp(), 0,
                    half.storeTimestamp() + timeout));
        });
        changedSinceSnapshot |= readHalves != halfNext;
        halfNext = readHalves;
        long readOps = ops.readOps(opNext, op -> {
            if (op.halfQueueOffset() >= halfNext) {
                return false;
            }
            // Remembered before it stops being pending, so a repeated end always finds one or the other.
            synchronized (recentOutcomes) {
                recentOutcomes.put(op.halfQueueOffset(), op.outcome());
            }
            pending.remove(op.halfQueueOffset());
            ending.remove(op.halfQueueOffset());
            return true;
        });
        changedSinceSnapshot |= readOps != opNext;
        opNext = readOps;
    }

    /** Writes the pending table and the log positions it reflects. */
    synchronized void snapshot() throws IOException {
        readLogs();
        List<PendingTransaction> open = new ArrayList<>(pending.values());
        open.sort(Comparator.comparingLong(PendingTransaction::halfQueueOffset));
        snapshotFile.write(new TransactionSnapshot(halfNext, opNext, open));
        lastSnapshotAt = clock.millis();
        changedSinceSnapshot = false;
    }

    /** The open transactions, oldest first. */
    public List<PendingTransaction> pending() {
        List<PendingTransaction> open = new ArrayList<>(pending.values());
        open.sort(Comparator.comparingLong(PendingTransaction::halfQueueOffset));
        return open;
    }

    public TransactionStats stats() {
        return new TransactionStats(pending.size(), committed.get(), rolledBack.get(), checks.get());
    }

    /** Writes a last snapshot. Close after the checker and before the store. */
    @Override
    public synchronized void close() throws IOException {
        snapshot();
    }
}
