package io.couriermq.bench.ha;

import io.couriermq.bench.cluster.BrokerHttp;
import io.couriermq.bench.cluster.PrometheusScrape;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a master's replication lag (bytes and milliseconds its slave has not acknowledged) at a fixed interval
 * while a measured phase runs. It scrapes a master without a slave too, so every mode carries the same scraping
 * load; that master exports no lag and yields no samples.
 */
final class LagSampler implements AutoCloseable {

    static final String LAG_BYTES = "courier_ha_slave_lag_bytes";
    static final String LAG_MS = "courier_ha_slave_lag_ms";

    /** Median and largest lag over the samples (NaN without samples), and how many scrapes failed. */
    record Lag(int samples, int failedScrapes, double medianBytes, double maxBytes, double medianMs, double maxMs) {
    }

    private final BrokerHttp master;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lag-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final long[] bytes;
    private final long[] millis;
    private int samples;
    private int failedScrapes;

    private LagSampler(BrokerHttp master, int maxSamples) {
        this.master = master;
        this.bytes = new long[maxSamples];
        this.millis = new long[maxSamples];
    }

    /** Starts sampling every {@code intervalMs}, keeping at most {@code maxSamples}. */
    static LagSampler start(BrokerHttp master, long intervalMs, int maxSamples) {
        LagSampler sampler = new LagSampler(master, maxSamples);
        sampler.ticker.scheduleWithFixedDelay(sampler::sample, 0, intervalMs, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private synchronized void sample() {
        try {
            PrometheusScrape scrape = master.scrape();
            double lagBytes = scrape.max(LAG_BYTES);
            double lagMs = scrape.max(LAG_MS);
            if (!Double.isNaN(lagBytes) && !Double.isNaN(lagMs) && samples < bytes.length) {
                bytes[samples] = (long) lagBytes;
                millis[samples] = (long) lagMs;
                samples++;
            }
        } catch (IOException e) {
            // A scrape that times out under load is a missing sample, not a failed run; the count is reported.
            failedScrapes++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sampling and sums up the samples taken. */
    Lag stop() {
        close();
        synchronized (this) {
            return new Lag(samples, failedScrapes, median(bytes, samples), max(bytes, samples), median(millis, samples),
                    max(millis, samples));
        }
    }

    private static double median(long[] values, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
    }

    private static double max(long[] values, int count) {
        return count == 0 ? Double.NaN : Arrays.stream(values, 0, count).max().orElseThrow();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
