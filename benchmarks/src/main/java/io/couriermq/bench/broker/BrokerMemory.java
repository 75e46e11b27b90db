package io.couriermq.bench.broker;

import io.couriermq.bench.cluster.BrokerHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the broker process's memory once a second from {@code /proc/<pid>/status} and keeps the peaks:
 * resident set size in all, its anonymous part (Java heap, metaspace, thread stacks, direct buffers) and its
 * file-backed part (pages of the memory-mapped commit log, consume queues and index that happen to be
 * resident, which the kernel reclaims under pressure). Also follows, through the broker's actuator, the Java heap in
 * use (garbage included, so it swings with each collection), and the timer's pending count.
 */
final class BrokerMemory implements AutoCloseable {

    private static final long KIB = 1024;

    /** Peaks over the sampled period, in bytes, and the most messages the timer held at once. */
    record Peaks(long rss, long rssAnon, long rssFile, long heapUsed, long timerPending) {
    }

    private final Path status;
    private final BrokerHttp rest;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long rss;
    private long rssAnon;
    private long rssFile;
    private long heapUsed;
    private long timerPending;

    BrokerMemory(long pid, BrokerHttp rest) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.rest = rest;
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    rss = Math.max(rss, kib(line) * KIB);
                } else if (line.startsWith("RssAnon:")) {
                    rssAnon = Math.max(rssAnon, kib(line) * KIB);
                } else if (line.startsWith("RssFile:")) {
                    rssFile = Math.max(rssFile, kib(line) * KIB);
                }
            }
            heapUsed = Math.max(heapUsed, rest.sum("/actuator/metrics/jvm.memory.used?tag=area:heap", "value"));
            timerPending = Math.max(timerPending, rest.sum("/api/timer", "pending"));
        } catch (IOException e) {
            // The broker may be between samples of its own; the next sample counts.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** The peaks so far; the counters start again from zero. */
    synchronized Peaks takePeaks() {
        sample();
        Peaks peaks = new Peaks(rss, rssAnon, rssFile, heapUsed, timerPending);
        rss = 0;
        rssAnon = 0;
        rssFile = 0;
        heapUsed = 0;
        timerPending = 0;
        return peaks;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
