package io.couriermq.namesrv.route;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link RouteTable#expire()} at a fixed interval on its own thread ({@code courier-namesrv-expiry}), so silent
 * brokers leave the routes within expiry + interval.
 */
public final class ExpiryScanner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryScanner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final ScheduledExecutorService executor;

    private ExpiryScanner(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts scanning {@code table} every {@code interval}. */
    public static ExpiryScanner start(RouteTable table, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("expiry scan interval must be positive, was " + interval);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "courier-namesrv-expiry");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> scan(table), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return new ExpiryScanner(executor);
    }

    /** One scan; never throws, because an exception would cancel every later run. */
    private static void scan(RouteTable table) {
        try {
            table.expire();
        } catch (RuntimeException e) {
            LOG.error("Broker expiry scan failed; retrying at the next interval", e);
        }
    }

    /** Stops scanning and waits for a running scan to finish. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Broker expiry scanner did not stop within {}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
