package io.couriermq.tools.client;

import io.couriermq.client.ConsumeResult;
import io.couriermq.client.Message;
import io.couriermq.client.Producer;
import io.couriermq.client.PushConsumer;
import io.couriermq.tools.ScratchTopic;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Producer and consumer benchmark. After an unmeasured warm-up (both paths, so that the JIT compilers of this JVM
 * and the broker's are done before anything is timed), two phases, each bounded in messages and time:
 * <ol>
 *   <li><b>live</b>: a push consumer is running while the producer sends; send throughput and latency, and
 *       end-to-end delivery latency (send to the consumer's listener, on this JVM's clock);</li>
 *   <li><b>backlog</b>: the producer sends without a consumer, then a new group drains the backlog; the drain
 *       rate is consume throughput.</li>
 * </ol>
 * Prints progress every second and a summary at the end.
 */
@Command(name = "bench", description = "Benchmark producing and consuming through a cluster.")
final class BenchCommand implements Callable<Integer> {

    static final String SENT_AT = "bench-sent-nanos";

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", defaultValue = "100000", description = "messages per phase (default 100000)")
    int messages;

    @Option(names = "--warmup", defaultValue = "20000",
            description = "messages sent and consumed before measuring, not counted (default 20000)")
    int warmup;

    @Option(names = "--size", defaultValue = "1024", description = "body bytes (default 1024)")
    int size;

    @Option(names = "--in-flight", defaultValue = "64", description = "send requests in flight (default 64)")
    int inFlight;

    @Option(names = "--batch", defaultValue = "1", description = "messages per send request (default 1)")
    int batch;

    @Option(names = "--time-limit", defaultValue = "300s", converter = DurationConverter.class,
            description = "longest a phase may run (default 300s)")
    Duration timeLimit;

    @Override
    public Integer call() throws Exception {
        BenchReport report = new BenchReport(messages, size, inFlight, batch);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        try (Producer producer = Producer.builder(client.config()).build()) {
            if (warmup > 0) {
                livePhase(producer, runId, "warm-up", warmup, new BenchReport(warmup, size, inFlight, batch));
            }
            livePhase(producer, runId, "live", messages, report);
            backlogPhase(producer, runId, report);
        }
        report.print(spec.commandLine().getOut());
        return report.complete() ? 0 : 1;
    }

    /**
     * A topic of the phase's own, made for it and deleted after: a new consumer group starts from a topic's first
     * message while the topic still has it, so sharing one topic would have each phase's group read the earlier
     * phases' messages too.
     */
    private ScratchTopic topicFor(String runId, String phase) {
        return ScratchTopic.create(client.namesrvAddr, "bench-" + runId + "-" + phase);
    }

    private void livePhase(Producer producer, String runId, String phase, int count, BenchReport report)
            throws InterruptedException {
        Recorder endToEnd = new Recorder(3);
        CountDownLatch consumed = new CountDownLatch(count);
        try (ScratchTopic topic = topicFor(runId, phase);
             PushConsumer consumer = PushConsumer.builder(client.config()).group("bench-" + runId + "-" + phase)
                     .subscribe(topic.name(), "*").listener(message -> {
                         String sentAt = message.properties().get(SENT_AT);
                         endToEnd.recordValue(Math.max(0, System.nanoTime() - Long.parseLong(sentAt)) / 1_000);
                         consumed.countDown();
                         return ConsumeResult.SUCCESS;
                     }).build()) {
            report.liveSend = send(producer, topic.name(), phase + " send", count);
            report.endToEndMicros = awaitDrain(phase + " consume", consumed, count, endToEnd);
            report.liveConsumed = count - consumed.getCount();
        }
    }

    private void backlogPhase(Producer producer, String runId, BenchReport report) throws InterruptedException {
        try (ScratchTopic topic = topicFor(runId, "backlog")) {
            report.backlogSend = send(producer, topic.name(), "backlog send", messages);
            CountDownLatch consumed = new CountDownLatch(messages);
            long start = System.nanoTime();
            try (PushConsumer consumer = PushConsumer.builder(client.config()).group("bench-" + runId + "-backlog")
                    .subscribe(topic.name(), "*").listener(message -> {
                        consumed.countDown();
                        return ConsumeResult.SUCCESS;
                    }).build()) {
                awaitDrain("backlog consume", consumed, messages, new Recorder(3));
                report.backlogConsumed = messages - consumed.getCount();
                report.backlogConsumeSeconds = (System.nanoTime() - start) / 1e9;
            }
        }
    }

    /** Sends {@code count} messages with {@code inFlight} requests outstanding; returns throughput and latency. */
    private BenchReport.SendFigures send(Producer producer, String topic, String phase, int count)
            throws InterruptedException {
        Recorder latency = new Recorder(3);
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        byte[] body = new byte[size];
        long start = System.nanoTime();
        long deadline = start + timeLimit.toNanos();
        Progress progress = Progress.start(phase, acked::get, count, latency);
        try {
            for (int sent = 0; sent < count && System.nanoTime() < deadline; sent += batch) {
                permits.acquire();
                List<Message> requests = new ArrayList<>(batch);
                long sentAt = System.nanoTime();
                for (int i = 0; i < Math.min(batch, count - sent); i++) {
                    requests.add(Message.builder().topic(topic).body(body).keys("k" + (sent + i))
                            .property(SENT_AT, Long.toString(sentAt)).build());
                }
                (requests.size() == 1 ? producer.sendAsync(requests.get(0)).thenApply(List::of)
                        : producer.sendBatchAsync(requests)).whenComplete((receipts, failure) -> {
                            long micros = (System.nanoTime() - sentAt) / 1_000;
                            for (int i = 0; i < requests.size(); i++) {
                                latency.recordValue(micros);
                            }
                            (failure == null ? acked : failed).addAndGet(requests.size());
                            permits.release();
                        });
            }
            permits.acquire(inFlight);
        } finally {
            progress.close();
        }
        return new BenchReport.SendFigures(acked.get(), failed.get(), (System.nanoTime() - start) / 1e9,
                progress.total());
    }

    /** Waits until every message was consumed or the time limit passed; returns the latencies recorded meanwhile. */
    private Histogram awaitDrain(String phase, CountDownLatch consumed, int count, Recorder latency)
            throws InterruptedException {
        Progress progress = Progress.start(phase, () -> count - consumed.getCount(), count, latency);
        try {
            consumed.await(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            progress.close();
        }
        return progress.total();
    }
}
