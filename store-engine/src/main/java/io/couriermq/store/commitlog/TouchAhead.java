package io.couriermq.store.commitlog;

import io.couriermq.store.segment.Segment;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Touches the pages of a prepared segment on the allocator's thread while the writer may already be writing at its
 * front. A writer faster than the touching (4 KiB records reached 400 MB/s, and touching a fresh 1 GiB segment took
 * up to 2.8 s) would otherwise wait at every roll for the whole segment to be touched: 42% of its time in the 4 KiB
 * row of bin/bench-store.
 *
 * <p>Touching writes a zero at the start of each page, so it must never reach a page the writer has written. The
 * toucher claims one chunk at a time and publishes how far it has touched; the writer writes freely below that. To go
 * further it stops the toucher, waits for the chunk in progress, and from then on owns the whole segment, taking
 * page faults itself as it would in an untouched segment.
 *
 * <p>Thread-safety: {@link #run} on one thread, {@link #writableTo} on the writer's, {@link #stop} on any.
 */
final class TouchAhead {

    /** 64 pages: the longest the writer can wait for a chunk in progress is the time to fault these in. */
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final int STOPPED = -1;

    private final Segment segment;
    /** Where the next chunk begins; STOPPED once the writer took over or the segment is being let go. */
    private final AtomicInteger nextChunk = new AtomicInteger();
    /** Every page that begins below this is touched, and the toucher never comes back below it. */
    private volatile int touchedTo;

    TouchAhead(Segment segment) {
        this.segment = segment;
    }

    /**
     * Touches chunk after chunk until the segment's end or until stopped. Holds a reference on the segment meanwhile,
     * so the segment is never unmapped under it. A failure (a full disk) ends the touching and is thrown; the
     * writer then takes over and meets the disk itself.
     */
    void run() {
        if (!segment.retain()) {
            return;
        }
        try {
            int start;
            while ((start = nextChunk.get()) != STOPPED && start < segment.size()) {
                int end = Math.min(segment.size(), start + CHUNK_BYTES);
                if (nextChunk.compareAndSet(start, end)) {
                    try {
                        segment.pretouch(start, end);
                    } finally {
                        touchedTo = end;
                    }
                }
            }
        } finally {
            segment.release();
        }
    }

    /**
     * Called by the writer before it writes below {@code end} (relative to the segment): how far it may now write
     * without asking again. That is the touched end if it covers {@code end}; otherwise the writer takes over and
     * may write the whole segment, once the chunk being touched, if any, is done.
     */
    int writableTo(int end) {
        int touched = touchedTo;
        if (end <= touched) {
            return touched;
        }
        int claimedTo = nextChunk.getAndSet(STOPPED);
        while (claimedTo != STOPPED && touchedTo < claimedTo) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(10));
        }
        return segment.size();
    }

    /** Ends the touching after the chunk in progress; for a segment about to be discarded or closed. */
    void stop() {
        nextChunk.set(STOPPED);
    }
}
