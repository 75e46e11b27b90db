package io.couriermq.store.commitlog;

import io.couriermq.store.concurrent.BackoffIdle;

import io.couriermq.store.AppendResult;
import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import org.jctools.queues.MpscArrayQueue;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The single writer of the commit log. Callers on any thread {@link #offer} requests; the loop drains up to a
 * batch of them, writes them through the {@link LogWriter}, publishes the new end of the log once for the whole
 * batch, and hands the batch to the {@link FlushPolicy}, which completes it. Nothing else writes the log, so
 * writing takes no lock (the single-writer principle).
 */
final class AppendLoop implements AutoCloseable {

    private static final int MAX_BATCH = 256;

    private final MpscArrayQueue<AppendRequest> queue;
    private final LogWriter writer;
    private final FlushPolicy flushPolicy;
    private final LongConsumer publishWritten;
    private final Clock clock;
    private final BackoffIdle idle = new BackoffIdle();
    private final Thread thread;
    private volatile boolean running = true;

    AppendLoop(int capacity, LogWriter writer, FlushPolicy flushPolicy, LongConsumer publishWritten, Clock clock) {
        this.queue = new MpscArrayQueue<>(capacity);
        this.writer = writer;
        this.flushPolicy = flushPolicy;
        this.publishWritten = publishWritten;
        this.clock = clock;
        this.thread = new Thread(this::run, "courier-store-append");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Enqueues a request; false if the queue is full. */
    boolean offer(AppendRequest request) {
        if (!queue.offer(request)) {
            return false;
        }
        idle.wake(thread);
        return true;
    }

    /** Drain, write, publish, hand over; exits once stopped and drained. */
    private void run() {
        AppendRequest[] batch = new AppendRequest[MAX_BATCH];
        while (running || !queue.isEmpty()) {
            int count = drain(batch);
            if (count == 0) {
                idle.idle(() -> !queue.isEmpty() || !running);
                continue;
            }
            idle.reset();
            int written = writeBatch(batch, count);
            if (written > 0) {
                publishWritten.accept(writer.position());
                flushPolicy.onWritten(batch, written);
                batch = new AppendRequest[MAX_BATCH];
            }
        }
    }

    private int drain(AppendRequest[] batch) {
        int count = 0;
        AppendRequest request;
        while (count < batch.length && (request = queue.relaxedPoll()) != null) {
            batch[count++] = request;
        }
        return count;
    }

    /** Writes the batch, compacting it to the requests that were written; failed ones are completed here. */
    private int writeBatch(AppendRequest[] batch, int count) {
        long storeTimestamp = clock.millis();
        int written = 0;
        for (int i = 0; i < count; i++) {
            AppendRequest request = batch[i];
            try {
                AppendResult result = writer.write(request.record, storeTimestamp);
                request.written(result);
                batch[written++] = request;
            } catch (StoreException e) {
                request.fail(e);
            } catch (RuntimeException | InternalError e) {
                request.fail(new StoreException(StoreErrorCode.IO_ERROR, "append failed: " + e, e));
            }
        }
        return written;
    }

    /** Stops after writing what is queued; the caller has already stopped new offers. */
    @Override
    public void close() {
        running = false;
        idle.wake(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AppendRequest request;
        while ((request = queue.relaxedPoll()) != null) {
            request.fail(StoreErrorCode.CLOSED, "store closed before the append was written");
        }
    }
}
