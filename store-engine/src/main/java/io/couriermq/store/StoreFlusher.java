package io.couriermq.store;

import io.couriermq.store.commitlog.CommitLog;
import io.couriermq.store.dispatch.Dispatcher;
import io.couriermq.store.index.IndexStore;
import io.couriermq.store.queue.ConsumeQueueStore;
import io.couriermq.store.recovery.Checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Every flush interval: lets the flush policy force the log (ASYNC_FLUSH) or expire appends stuck waiting for
 * a force (SYNC_FLUSH), forces consume queues and the index, and records how far all of it is on disk in the
 * checkpoint. The dispatched position is read before the derived stores are forced, so the checkpoint never
 * claims more than was forced.
 */
final class StoreFlusher {

    private final Path storeDir;
    private final CommitLog log;
    private final Dispatcher dispatcher;
    private final ConsumeQueueStore queues;
    private final IndexStore index;
    private final Clock clock;
    private Checkpoint last;

    StoreFlusher(Path storeDir, CommitLog log, Dispatcher dispatcher, ConsumeQueueStore queues, IndexStore index,
                 Clock clock) {
        this.storeDir = storeDir;
        this.log = log;
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.index = index;
        this.clock = clock;
    }

    /** Called on the housekeeping thread, and once more on close. */
    void flush() throws IOException {
        long dispatched = dispatcher.dispatchedPosition();
        log.onFlushInterval();
        queues.flush();
        index.flush();
        long logFlushed = log.flushedPosition();
        long derivedFlushed = Math.min(dispatched, logFlushed);
        if (last == null || last.logFlushedOffset() != logFlushed || last.dispatchedOffset() != derivedFlushed) {
            Checkpoint checkpoint = new Checkpoint(logFlushed, derivedFlushed, clock.millis());
            checkpoint.write(storeDir);
            last = checkpoint;
        }
    }
}
