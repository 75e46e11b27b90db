package io.couriermq.broker.core.timer;

import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Delay messages: a message with a delivery time in the future is parked in the timer topic
 * ({@link TopicNames#TIMER_TOPIC}) and appended to its real topic when the time comes, by the {@link TimerWheel}
 * running on its own thread. Parked messages are ordinary commit log records, so they survive restarts and are
 * replicated like any message; the schedule is rebuilt from them when needed.
 *
 * <p>Thread-safe.
 */
public final class TimerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimerService.class);
    private static final long DRAIN_TIMEOUT_MILLIS = 10_000;
    private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DelayParking parking;
    private final Clock clock;
    private final ArrivalSignal signal;
    private final TimerWheel wheel;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean closed;

    private TimerService(TimerConfig config, Clock clock, ArrivalSignal signal, TimerWheel wheel) {
        this.parking = new DelayParking(config, clock);
        this.clock = clock;
        this.signal = signal;
        this.wheel = wheel;
        this.thread = new Thread(this::run, "courier-timer");
        this.thread.setDaemon(true);
    }

    /**
     * Opens the schedule under {@code dir} and starts the timer thread.
     *
     * @param signal         must be one of the store's listeners, for the timer topic, so that new timer messages
     *                       wake the timer
     * @param latenessMillis told, for each message delivered, how long after its delivery time it went out
     */
    public static TimerService start(MessageStore store, Path dir, TimerConfig config, Clock clock,
                                     ArrivalSignal signal, LongConsumer latenessMillis) {
        TimerService service = open(store, dir, config, clock, signal, latenessMillis);
        service.thread.start();
        return service;
    }

    /**
     * Opens the schedule without releasing anything: a slave's, whose log only replication writes. Its master
     * releases the due messages and the releases arrive with the rest of the log.
     */
    public static TimerService idle(MessageStore store, Path dir, TimerConfig config, Clock clock,
                                    ArrivalSignal signal) {
        return open(store, dir, config, clock, signal, lateness -> { });
    }

    private static TimerService open(MessageStore store, Path dir, TimerConfig config, Clock clock,
                                     ArrivalSignal signal, LongConsumer latenessMillis) {
        try {
            TimerWheel wheel = TimerWheel.open(store, dir, config, signal::signal, latenessMillis);
            return new TimerService(config, clock, signal, wheel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the timer in " + dir, e);
        }
    }

    /** Where sends of delay messages are to be written. */
    public DelayParking parking() {
        return parking;
    }

    public TimerStats stats() {
        return wheel.stats();
    }

    private void run() {
        while (running) {
            try {
                long now = clock.millis();
                if (wheel.doWork(now) == 0) {
                    signal.await(TimeUnit.MILLISECONDS.toNanos(wheel.millisUntilWork(now)));
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("timer round failed; retrying", e);
                signal.await(ERROR_PAUSE_NANOS);
            }
        }
    }

    /** Stops the timer thread, lets releases in flight complete, and checkpoints. Close before the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        signal.signal();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            wheel.drain(clock.millis(), DRAIN_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("timer checkpoint at close failed", e);
        } finally {
            wheel.close();
        }
    }
}
