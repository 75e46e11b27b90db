package io.couriermq.bench.broker;

import io.couriermq.client.ClientConfig;
import io.couriermq.client.Message;
import io.couriermq.client.Producer;
import io.couriermq.client.Transaction;
import io.couriermq.client.TransactionResolution;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transaction benchmark: {@code threads} threads each send one message at a time, waiting for each, for a
 * fixed time after a warm-up; once as normal sends and once as committed transactions (begin, send the half
 * message, commit: two requests and three appends on the broker). Reports completed messages per second and
 * the latency of one send, or of one send plus its commit.
 */
final class TransactionRun {

    /** One phase's figures. Latencies in microseconds. */
    record Phase(String name, long completed, double seconds, Histogram latency) {

        double perSecond() {
            return completed / seconds;
        }
    }

    private final ClientConfig config;
    private final int threads;
    private final int bodyBytes;
    private final Duration warmUp;
    private final Duration measured;

    TransactionRun(ClientConfig config, int threads, int bodyBytes, Duration warmUp, Duration measured) {
        this.config = config;
        this.threads = threads;
        this.bodyBytes = bodyBytes;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    /** A step that sends one message, normally or in a committed transaction. */
    @FunctionalInterface
    private interface Step {
        void run(Producer producer, Message message);
    }

    Phase normal(String topic) throws Exception {
        return phase("normal send", topic, (producer, message) -> producer.send(message));
    }

    Phase committed(String topic) throws Exception {
        return phase("transaction (send + commit)", topic, (producer, message) -> {
            Transaction transaction = producer.beginTransaction();
            transaction.send(message);
            transaction.commit();
        });
    }

    private Phase phase(String name, String topic, Step step) throws Exception {
        try (Producer producer = Producer.builder(config).topics(topic)
                .transactionChecker(message -> TransactionResolution.ROLLBACK).build()) {
            Message message = Message.builder().topic(topic).body(new byte[bodyBytes]).build();
            drive(producer, message, step, warmUp, new Recorder(3), new AtomicLong());
            Recorder latency = new Recorder(3);
            AtomicLong completed = new AtomicLong();
            long start = System.nanoTime();
            drive(producer, message, step, measured, latency, completed);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("%s: %,d in %.1f s%n", name, completed.get(), seconds);
            return new Phase(name, completed.get(), seconds, latency.getIntervalHistogram());
        }
    }

    private void drive(Producer producer, Message message, Step step, Duration duration, Recorder latency,
                       AtomicLong completed) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        long start = System.nanoTime();
                        step.run(producer, message);
                        latency.recordValue((System.nanoTime() - start) / 1_000);
                        completed.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(duration.toMillis());
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
