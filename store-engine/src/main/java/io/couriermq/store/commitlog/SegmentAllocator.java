package io.couriermq.store.commitlog;

import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import io.couriermq.store.segment.Segment;
import io.couriermq.store.segment.SegmentList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prepares the next commit log segment on a background thread while the writer fills the current one, so a
 * roll costs the writer a pointer swap instead of creating and mapping a file. For a writer that stores through
 * the mapping, the same thread then touches every page of the new segment ahead of the writer ({@link TouchAhead}),
 * which takes the page faults off the writer's path; the writer gets the segment as soon as it exists.
 *
 * <p>Threading: {@link #prepare} and {@link #take} are called by the append loop only.
 */
final class SegmentAllocator implements AutoCloseable {

    /** A segment for the writer, and the touching still going on in it (null when there is none). */
    record PreparedSegment(Segment segment, TouchAhead touching) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SegmentAllocator.class);

    private final SegmentList segments;
    private final boolean pretouch;
    private final ExecutorService worker;
    private CompletableFuture<PreparedSegment> next;
    private long nextBase = -1;
    /** The touching of the last segment handed to the writer, stopped on close. */
    private TouchAhead handedOut;

    /**
     * @param pretouch whether to touch every page of a prepared segment; without, preparing only creates the file,
     *                 and a full disk shows when a write fails
     */
    SegmentAllocator(SegmentList segments, boolean pretouch) {
        this.segments = segments;
        this.pretouch = pretouch;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courier-store-allocate");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts preparing the segment that begins at {@code base}, unless that is already under way. */
    void prepare(long base) {
        if (next != null && nextBase == base) {
            return;
        }
        discardPrepared();
        CompletableFuture<PreparedSegment> prepared = new CompletableFuture<>();
        nextBase = base;
        next = prepared;
        try {
            worker.execute(() -> prepareOnWorker(base, prepared));
        } catch (RejectedExecutionException closed) {
            prepared.completeExceptionally(new StoreException(StoreErrorCode.CLOSED, "the store is closing"));
        }
    }

    private void prepareOnWorker(long base, CompletableFuture<PreparedSegment> prepared) {
        Segment segment;
        try {
            segment = segments.createDetached(base);
        } catch (RuntimeException e) {
            prepared.completeExceptionally(e);
            return;
        }
        TouchAhead touching = pretouch ? new TouchAhead(segment) : null;
        prepared.complete(new PreparedSegment(segment, touching));
        if (touching == null) {
            return;
        }
        try {
            touching.run();
        } catch (StoreException e) {
            LOG.warn("stopped touching the pages of {} ahead of the writer: {}", segment, e.getMessage());
        }
    }

    /**
     * The prepared segment beginning at {@code base}, waiting up to {@code timeout} for its file; if none is being
     * prepared (the first segment after opening), one created on the spot and touched here (see
     * {@link #pretouchRest}). On failure the next call starts over, so a disk that had no room can recover once
     * space is freed.
     */
    PreparedSegment take(long base, Duration timeout) {
        if (next == null || nextBase != base) {
            discardPrepared();
            Segment segment = segments.createDetached(base);
            pretouchRest(segment, base);
            return new PreparedSegment(segment, null);
        }
        CompletableFuture<PreparedSegment> pending = next;
        next = null;
        nextBase = -1;
        try {
            PreparedSegment prepared = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            handedOut = prepared.touching();
            return prepared;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException(StoreErrorCode.IO_ERROR, "preparing segment at " + base + " failed", e.getCause());
        } catch (TimeoutException e) {
            pending.thenAccept(SegmentAllocator::letGo);
            throw new StoreException(StoreErrorCode.IO_ERROR, "preparing segment at " + base + " took longer than "
                    + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreErrorCode.CLOSED, "interrupted while waiting for segment at " + base);
        }
    }

    /**
     * Touches the pages of the segment the writer starts in, from {@code writeFrom} (its log offset) on, before the
     * writer does, if this allocator touches pages at all. Opening waits for it (0.4 to 2.8 s for a fresh 1 GiB
     * segment here), which is cheaper than the writer taking those faults: a broker appends on its network
     * threads, and the faults of an untouched segment took a quarter of their time. A disk without room is left
     * for the writer to meet, as it would without touching, so that the store still opens and serves reads.
     */
    void pretouchRest(Segment segment, long writeFrom) {
        if (!pretouch) {
            return;
        }
        try {
            segment.pretouch((int) (writeFrom - segment.baseOffset()));
        } catch (StoreException e) {
            if (e.code() != StoreErrorCode.DISK_FULL) {
                throw e;
            }
            LOG.warn("not touching the pages of {} ahead of the writer: {}", segment, e.getMessage());
        }
    }

    private void discardPrepared() {
        if (next != null) {
            next.thenAccept(SegmentAllocator::letGo);
            next = null;
        }
    }

    /** Deletes a prepared segment the writer never got; the file goes once the touching has let go of it. */
    private static void letGo(PreparedSegment prepared) {
        if (prepared.touching() != null) {
            prepared.touching().stop();
        }
        prepared.segment().destroy();
    }

    /** Stops preparing; call once the writer has stopped, before the segments are closed. */
    @Override
    public void close() {
        discardPrepared();
        if (handedOut != null) {
            handedOut.stop();
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
