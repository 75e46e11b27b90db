package io.couriermq.store;

import io.couriermq.store.commitlog.CommitLog;
import io.couriermq.store.commitlog.QueueOffsetTable;
import io.couriermq.store.dispatch.Dispatcher;
import io.couriermq.store.dispatch.LogListener;
import io.couriermq.store.index.IndexStore;
import io.couriermq.store.queue.ConsumeQueue;
import io.couriermq.store.queue.ConsumeQueueStore;
import io.couriermq.store.recovery.Checkpoint;
import io.couriermq.store.recovery.LogRecovery;
import io.couriermq.store.recovery.RecoveryReport;
import io.couriermq.store.recovery.RunningMarker;
import io.couriermq.store.retention.RetentionPolicy;
import io.couriermq.store.retention.RetentionService;
import io.couriermq.store.segment.SegmentList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The message store: one commit log of all messages, consume queues per (topic, queue id), and an index by
 * message id and key, kept on disk under {@link StoreConfig#storeDir()}.
 *
 * <pre>
 * storeDir/commitlog/&lt;20-digit offset&gt;            the log, in fixed-size segments
 * storeDir/consumequeue/&lt;topic&gt;/&lt;queue&gt;/&lt;offset&gt;  consume queues
 * storeDir/index/&lt;20-digit offset&gt;                hash index files
 * storeDir/checkpoint, abort, lock                  recovery state, clean-shutdown marker, process lock
 * </pre>
 *
 * Opening recovers: the log is validated from the checkpoint and cut at its first invalid record, and consume
 * queues and the index are brought back in line with it before appends are accepted ({@link #recoveryReport()}
 * says what happened).
 *
 * <p>Thread-safe: any thread may append and read.
 */
public final class MessageStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);

    private final StoreConfig config;
    private final StoreLock lock;
    private final RunningMarker marker;
    private final CommitLog log;
    private final ConsumeQueueStore queues;
    private final IndexStore index;
    private final Dispatcher dispatcher;
    private final RetentionService retention;
    private final StoreFlusher flusher;
    private final ScheduledExecutorService housekeeping;
    private final AppendValidator validator;
    private final QueueReader queueReader;
    private final IndexQueries indexQueries;
    private final RecoveryReport recoveryReport;
    private final List<Runnable> growthListeners;
    private volatile boolean closed;

    private MessageStore(StoreConfig config, Recovered recovered, List<LogListener> extraListeners) throws IOException {
        this.config = config;
        this.lock = recovered.lock;
        this.log = recovered.log;
        this.queues = recovered.queues;
        this.index = recovered.index;
        this.dispatcher = recovered.dispatcher;
        this.recoveryReport = recovered.report;
        this.growthListeners = recovered.growthListeners;
        this.validator = new AppendValidator(config);
        this.queueReader = new QueueReader(log, queues);
        this.indexQueries = new IndexQueries(log, index);
        this.retention = new RetentionService(config.storeDir(), log.segments(),
                new RetentionPolicy(config.fileReservedTime(), config.deleteHours(), config.diskCleanRatio()),
                config.diskRefuseWritesRatio(), dispatcher::dispatchedPosition, this::onLogStartMoved, config.clock());
        this.flusher = new StoreFlusher(config.storeDir(), log, dispatcher, queues, index, config.clock());
        this.marker = RunningMarker.create(config.storeDir());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                "courier-store-housekeeping"));
        QueueOffsetTable offsets = new QueueOffsetTable();
        for (ConsumeQueue queue : queues.all()) {
            offsets.set(queue.topic(), queue.queueId(), queue.maxOffset());
        }
        log.startAppending(offsets);
        dispatcher.start();
        schedule(this::flushQuietly, config.flushInterval().toMillis());
        schedule(this::retainQuietly, config.retentionCheckInterval().toMillis());
    }

    /** Opens (creating if needed) and recovers the store. */
    public static MessageStore open(StoreConfig config) {
        return open(config, List.of());
    }

    /**
     * Opens the store with extra {@link LogListener}s, fed after the consume queues and the index, so that a
     * listener told of a message finds it readable by queue.
     */
    public static MessageStore open(StoreConfig config, List<LogListener> extraListeners) {
        try {
            Files.createDirectories(config.storeDir());
            Recovered recovered = Recovered.recover(config, extraListeners);
            try {
                return new MessageStore(config, recovered, extraListeners);
            } catch (IOException | RuntimeException | Error e) {
                recovered.closeAfterFailedOpen();
                throw e;
            }
        } catch (IOException e) {
            throw new StoreException(StoreErrorCode.IO_ERROR, "cannot open store in " + config.storeDir() + ": "
                    + e, e);
        }
    }

    /**
     * Appends a message. Limit violations fail at once with a {@link StoreException}; the future completes when
     * the message is as durable as {@link StoreConfig#flushMode()} promises, or fails with BUSY, DISK_FULL,
     * IO_ERROR, FLUSH_TIMEOUT or CLOSED; a replica store refuses with READ_ONLY.
     */
    public CompletableFuture<AppendResult> append(Message message) {
        if (config.replica()) {
            return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.READ_ONLY,
                    "this store is a replica; its log is written only by replication from its primary"));
        }
        if (retention.diskTooFull()) {
            return CompletableFuture.failedFuture(new StoreException(StoreErrorCode.DISK_FULL, String.format(
                    "disk is %.1f%% full, at or above diskRefuseWritesRatio %.1f%%", 100 * retention.diskUsedRatio(),
                    100 * config.diskRefuseWritesRatio())));
        }
        return log.append(validator.validateAndEncode(message));
    }

    /** Up to {@code maxCount} messages of a queue from {@code offset} on whose tag passes the filter. */
    public GetResult getMessages(String topic, int queueId, long offset, int maxCount, TagFilter filter) {
        if (maxCount <= 0) {
            throw new IllegalArgumentException("maxCount must be positive, was " + maxCount);
        }
        return queueReader.read(topic, queueId, offset, maxCount, filter);
    }

    /** The message at a commit log offset; fails with OFFSET_NOT_FOUND or CORRUPT_RECORD. */
    public StoredMessage getMessage(long physicalOffset) {
        return log.read(physicalOffset);
    }

    /** The message with this producer-assigned id, if the store still holds it. */
    public Optional<StoredMessage> queryById(String messageId) {
        return indexQueries.byId(messageId);
    }

    /** Messages of a topic carrying a key, stored within the time range, newest first. */
    public List<StoredMessage> queryByKey(String topic, String key, long fromTimestamp, long toTimestamp, int max) {
        return indexQueries.byKey(topic, key, fromTimestamp, toTimestamp, max);
    }

    /** The first offset a queue still holds (0 for a queue never written). */
    public long minOffset(String topic, int queueId) {
        ConsumeQueue queue = queues.find(topic, queueId);
        return queue == null ? 0 : queue.minOffset();
    }

    /** The offset the queue's next message will get (0 for a queue never written). */
    public long maxOffset(String topic, int queueId) {
        ConsumeQueue queue = queues.find(topic, queueId);
        return queue == null ? 0 : queue.maxOffset();
    }

    /** The first queue offset whose message was stored at or after {@code timestamp}, for resetting consumers. */
    public long offsetForTimestamp(String topic, int queueId, long timestamp) {
        return queueReader.offsetForTimestamp(topic, queueId, timestamp);
    }

    /** Deletes a topic's consume queues; its records stay in the log until retention removes them. */
    public CompletableFuture<Void> deleteTopic(String topic) {
        return dispatcher.execute(() -> queues.deleteTopic(topic));
    }

    /** Topics that have consume queues. */
    public List<String> topics() {
        return queues.topics();
    }

    /** The commit log as replication sees it: raw bytes to ship from a primary, or to append on a replica. */
    public ReplicationLog replicationLog() {
        return new ReplicationLog() {
            @Override
            public long startOffset() {
                return log.minOffset();
            }

            @Override
            public long endOffset() {
                return log.writtenPosition();
            }

            @Override
            public long receivedOffset() {
                return log.receivedPosition();
            }

            @Override
            public long flushedOffset() {
                return log.flushedPosition();
            }

            @Override
            public int read(long offset, ByteBuffer into) {
                return log.readRaw(offset, into);
            }

            @Override
            public void append(long offset, ByteBuffer bytes) {
                log.appendReplicated(offset, bytes);
            }

            @Override
            public int checksum(long from, long to) {
                return log.checksum(from, to);
            }

            @Override
            public AutoCloseable addGrowthListener(Runnable listener) {
                growthListeners.add(listener);
                return () -> growthListeners.remove(listener);
            }
        };
    }

    /** What recovery found and did when this store was opened. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    public StoreStats stats() {
        return new StoreStats(log.minOffset(), log.writtenPosition(), log.flushedPosition(),
                dispatcher.dispatchedPosition(), log.appendsInFlight(), log.segments().count(),
                retention.diskUsedRatio(), !closed && !retention.diskTooFull(), queueReader.corruptRecordsSkipped());
    }

    public StoreConfig config() {
        return config;
    }

    /** Runs retention now instead of waiting for the next check; returns segments deleted. */
    public int runRetention() throws IOException {
        return retention.check();
    }

    private void onLogStartMoved(long minLogOffset) {
        dispatcher.execute(() -> {
            queues.deleteBeforeLog(minLogOffset);
            index.deleteBeforeLog(minLogOffset);
        });
    }

    private void schedule(Runnable task, long periodMillis) {
        housekeeping.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void flushQuietly() {
        try {
            flusher.flush();
        } catch (IOException | RuntimeException e) {
            LOG.error("periodic flush failed", e);
        }
    }

    private void retainQuietly() {
        try {
            retention.check();
        } catch (IOException | RuntimeException e) {
            LOG.error("retention check failed", e);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Closes cleanly: completes every accepted append, dispatches the whole log, forces everything, writes the
     * checkpoint, and removes the running marker last, so that only a close that got this far counts as clean.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> failures = new ArrayList<>();
        run(failures, log::stopAppending);
        run(failures, dispatcher::close);
        run(failures, dispatcher::catchUp);
        run(failures, () -> {
            housekeeping.shutdown();
            housekeeping.awaitTermination(30, TimeUnit.SECONDS);
        });
        run(failures, flusher::flush);
        run(failures, queues::close);
        run(failures, index::close);
        run(failures, log::close);
        if (failures.isEmpty()) {
            run(failures, marker::remove);
        }
        run(failures, lock::close);
        if (!failures.isEmpty()) {
            StoreException failure = new StoreException(StoreErrorCode.IO_ERROR, "store did not close cleanly");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void run(List<Exception> failures, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    /** The parts recovery builds before the store can take appends. */
    private record Recovered(StoreLock lock, CommitLog log, ConsumeQueueStore queues, IndexStore index,
                             Dispatcher dispatcher, RecoveryReport report, List<Runnable> growthListeners) {

        static Recovered recover(StoreConfig config, List<LogListener> extraListeners) throws IOException {
            Path dir = config.storeDir();
            StoreLock lock = StoreLock.acquire(dir);
            boolean clean = RunningMarker.wasClosedCleanly(dir);
            Optional<Checkpoint> checkpoint = Checkpoint.read(dir);
            SegmentList segments = SegmentList.open(dir.resolve("commitlog"), config.commitLogSegmentSize().toIntExact());
            long logStart = segments.minOffset(0);
            LogRecovery.Result scan = LogRecovery.recover(segments,
                    checkpoint.map(Checkpoint::logFlushedOffset).orElse(logStart), clean);
            ConsumeQueueStore queues = ConsumeQueueStore.open(dir.resolve("consumequeue"),
                    config.consumeQueueSegmentEntries());
            long dropped = queues.truncateToLog(scan.validEnd());
            queues.deleteBeforeLog(logStart);
            IndexStore index = IndexStore.open(dir.resolve("index"), config.indexHashSlots(),
                    config.indexEntriesPerFile());
            index.truncateToLog(scan.validEnd());
            index.deleteBeforeLog(logStart);
            long dispatchFrom = Math.max(logStart, Math.min(scan.validEnd(), Math.min(index.coveredOffset(),
                    checkpoint.map(Checkpoint::dispatchedOffset).orElse(logStart))));
            Dispatcher[] dispatcherRef = new Dispatcher[1];
            List<Runnable> growthListeners = new CopyOnWriteArrayList<>();
            CommitLog log = new CommitLog(segments, scan.validEnd(), config.flushMode(), config.maxAppendsInFlight(),
                    config.maxBytesInFlight().bytes(), config.syncFlushTimeout(), config.clock(), () -> {
                        dispatcherRef[0].wake();
                        growthListeners.forEach(Runnable::run);
                    });
            List<LogListener> listeners = new ArrayList<>(List.of(queues, index));
            listeners.addAll(extraListeners);
            Dispatcher dispatcher = new Dispatcher(log, listeners,
                    config.flushMode() == FlushMode.SYNC_FLUSH ? log::flushedPosition : log::writtenPosition,
                    dispatchFrom);
            dispatcherRef[0] = dispatcher;
            dispatcher.catchUp();
            RecoveryReport report = new RecoveryReport(clean, scan.scanStartOffset(), scan.validEnd(),
                    scan.recordsValidated(), scan.truncatedAtOffset(), scan.discardedBytes(), scan.problem(),
                    scan.segmentsDeleted(), dropped, dispatchFrom);
            if (report.truncated() || !clean) {
                LOG.warn("store {} recovered: {}", dir, report);
            }
            return new Recovered(lock, log, queues, index, dispatcher, report, growthListeners);
        }

        void closeAfterFailedOpen() {
            dispatcher.close();
            log.close();
            queues.close();
            index.close();
            try {
                lock.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
