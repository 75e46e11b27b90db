package io.couriermq.bench.harness;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints a benchmark phase's progress once a second on stderr (messages done, rate over the last second, latency
 * percentiles of that second) and accumulates the latencies into one histogram for the whole phase.
 */
final class Progress implements AutoCloseable {

    private final String phase;
    private final LongSupplier done;
    private final long target;
    private final Recorder latency;
    private final Histogram total = new Histogram(3);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastDone;

    private Progress(String phase, LongSupplier done, long target, Recorder latency) {
        this.phase = phase;
        this.done = done;
        this.target = target;
        this.latency = latency;
    }

    static Progress start(String phase, LongSupplier done, long target, Recorder latency) {
        Progress progress = new Progress(phase, done, target, latency);
        progress.ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
        return progress;
    }

    private synchronized void tick() {
        Histogram interval = latency.getIntervalHistogram();
        total.add(interval);
        long now = done.getAsLong();
        String percentiles = interval.getTotalCount() == 0 ? "" : String.format("  p50 %.2f ms  p99 %.2f ms",
                interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0);
        System.err.printf("%-16s %,9d / %,d  %,8d msgs/s%s%n", phase, now, target, now - lastDone, percentiles);
        lastDone = now;
    }

    /** Every latency recorded during the phase. */
    synchronized Histogram total() {
        return total;
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        total.add(latency.getIntervalHistogram());
    }
}
