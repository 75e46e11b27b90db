package io.couriermq.bench.broker;

import io.couriermq.client.ClientConfig;
import io.couriermq.client.Message;
import io.couriermq.client.MessageQueueRef;
import io.couriermq.client.MessageView;
import io.couriermq.client.Producer;
import io.couriermq.client.PullConsumer;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The delay benchmark: schedules {@code messages} delay messages, with delivery times spread at random over
 * {@code spread} starting {@code lead} from now (time to send them all first), then reads them back with a pull
 * consumer as they come out. Lateness is measured two ways: by the broker's store time of the delivered message
 * (what the timer did, independent of how fast this JVM consumes) and by when this consumer saw it. Each body
 * carries the message's index, so repeats and losses are counted exactly.
 */
final class DelayRun {

    /** What the run measured. Latenesses in milliseconds. */
    record Result(int messages, double sendSeconds, boolean sentBeforeFirstDue, Histogram brokerLateness,
                  Histogram consumerLateness, long early, long repeated, long missing,
                  BrokerMemory.Peaks memory) {
    }

    private final ClientConfig config;
    private final String topic;
    private final int messages;
    private final int bodyBytes;
    private final int batch;
    private final int inFlight;
    private final Duration lead;
    private final Duration spread;

    /** What reading the delivered messages back found. */
    private record Readback(Histogram brokerLateness, Histogram consumerLateness, long early, long repeated,
                            long missing) {
    }

    DelayRun(ClientConfig config, String topic, int messages, int bodyBytes, int batch, int inFlight, Duration lead,
             Duration spread) {
        this.config = config;
        this.topic = topic;
        this.messages = messages;
        this.bodyBytes = bodyBytes;
        this.batch = batch;
        this.inFlight = inFlight;
        this.lead = lead;
        this.spread = spread;
    }

    Result run(BrokerMemory memory) throws Exception {
        memory.takePeaks();
        long firstDue = System.currentTimeMillis() + lead.toMillis();
        long[] dueAt = dueTimes(firstDue);
        long sendStart = System.nanoTime();
        try (Producer producer = Producer.builder(config).topics(topic).build()) {
            send(producer, dueAt);
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        boolean sentInTime = System.currentTimeMillis() < firstDue;
        System.err.printf("delay: %,d messages sent in %.1f s; due from %s over %s%n", messages, sendSeconds,
                Instant.ofEpochMilli(firstDue), spread);
        Readback read = consume(dueAt, firstDue + spread.toMillis());
        return new Result(messages, sendSeconds, sentInTime, read.brokerLateness(), read.consumerLateness(),
                read.early(), read.repeated(), read.missing(), memory.takePeaks());
    }

    private long[] dueTimes(long firstDue) {
        Random random = new Random(42);
        long[] dueAt = new long[messages];
        for (int i = 0; i < messages; i++) {
            dueAt[i] = firstDue + (long) (random.nextDouble() * spread.toMillis());
        }
        return dueAt;
    }

    private void send(Producer producer, long[] dueAt) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        for (int start = 0; start < messages; start += batch) {
            List<Message> requests = new ArrayList<>(batch);
            for (int i = start; i < Math.min(messages, start + batch); i++) {
                requests.add(Message.builder().topic(topic).body(body(i)).deliveryTimestamp(Instant.ofEpochMilli(
                        dueAt[i])).build());
            }
            permits.acquire();
            producer.sendBatchAsync(requests).whenComplete((receipts, failure) -> {
                if (failure != null) {
                    failed.addAndGet(requests.size());
                    firstFailure.compareAndSet(null, failure);
                }
                permits.release();
            });
        }
        permits.acquire(inFlight);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " delay messages were not sent", firstFailure.get());
        }
    }

    private byte[] body(int index) {
        return ByteBuffer.allocate(Math.max(Integer.BYTES, bodyBytes)).putInt(index).array();
    }

    /** Pulls every queue from its start until all messages came or a minute past the last due time. */
    private Readback consume(long[] dueAt, long lastDue) {
        Histogram brokerLateness = new Histogram(3_600_000L, 3);
        Histogram consumerLateness = new Histogram(3_600_000L, 3);
        BitSet seen = new BitSet(messages);
        long early = 0;
        long repeated = 0;
        long deadline = lastDue + 60_000;
        try (PullConsumer consumer = PullConsumer.builder(config).group("bench-delay-reader").build()) {
            List<MessageQueueRef> queues = consumer.queues(topic);
            consumer.assign(queues);
            queues.forEach(consumer::seekToBeginning);
            while (seen.cardinality() < messages && System.currentTimeMillis() < deadline) {
                for (MessageView message : consumer.poll(Duration.ofSeconds(1))) {
                    long now = System.currentTimeMillis();
                    int index = ByteBuffer.wrap(message.body()).getInt();
                    long due = dueAt[index];
                    long stored = message.storeTimestamp().map(Instant::toEpochMilli).orElse(now);
                    if (stored < due) {
                        early++;
                    }
                    brokerLateness.recordValue(Math.max(0, stored - due));
                    consumerLateness.recordValue(Math.max(0, now - due));
                    if (seen.get(index)) {
                        repeated++;
                    }
                    seen.set(index);
                }
            }
        }
        return new Readback(brokerLateness, consumerLateness, early, repeated, messages - seen.cardinality());
    }
}
