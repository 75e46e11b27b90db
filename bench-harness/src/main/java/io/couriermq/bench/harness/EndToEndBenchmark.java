package io.couriermq.bench.harness;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Producer and consumer benchmark. After an unmeasured warm-up (both paths, so that the JIT compilers of the client
 * and the broker are done before anything is timed), two phases, each bounded in messages and time:
 * <ol>
 *   <li><b>live</b>: a push consumer is running while the producer sends; send throughput and latency, and
 *       end-to-end delivery latency (send to the consumer's listener, on this JVM's clock);</li>
 *   <li><b>backlog</b>: the producer sends without a consumer, then a new group drains the backlog; the drain
 *       rate is consume throughput.</li>
 * </ol>
 * Prints progress every second on stderr.
 */
public final class EndToEndBenchmark {

    private final ClientDriver client;
    private final PhaseTopics topics;
    private final Workload workload;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public EndToEndBenchmark(ClientDriver client, PhaseTopics topics, Workload workload) {
        this.client = client;
        this.topics = topics;
        this.workload = workload;
    }

    public BenchReport run() throws Exception {
        if (workload.warmup() > 0) {
            livePhase("warm-up", workload.warmup(), new BenchReport(workload));
        }
        BenchReport report = new BenchReport(workload);
        livePhase("live", workload.messages(), report);
        backlogPhase(report);
        return report;
    }

    private String group(String phase) {
        return "bench-" + runId + "-" + phase;
    }

    private void livePhase(String phase, int count, BenchReport report) throws Exception {
        Recorder endToEnd = new Recorder(3);
        CountDownLatch consumed = new CountDownLatch(count);
        try (PhaseTopics.PhaseTopic topic = topics.open(phase);
             AutoCloseable consumer = client.consume(topic.name(), group(phase), sentAt -> {
                 endToEnd.recordValue(Math.max(0, System.nanoTime() - sentAt) / 1_000);
                 consumed.countDown();
             })) {
            report.liveSend = SendPhase.run(client, workload, topic.name(), phase + " send", count);
            report.endToEndMicros = awaitDrain(phase + " consume", consumed, count, endToEnd);
            report.liveConsumed = count - consumed.getCount();
        }
    }

    private void backlogPhase(BenchReport report) throws Exception {
        int count = workload.messages();
        try (PhaseTopics.PhaseTopic topic = topics.open("backlog")) {
            report.backlogSend = SendPhase.run(client, workload, topic.name(), "backlog send", count);
            CountDownLatch consumed = new CountDownLatch(count);
            long start = System.nanoTime();
            try (AutoCloseable consumer = client.consume(topic.name(), group("backlog"),
                    sentAt -> consumed.countDown())) {
                awaitDrain("backlog consume", consumed, count, new Recorder(3));
                report.backlogConsumed = count - consumed.getCount();
                report.backlogConsumeSeconds = (System.nanoTime() - start) / 1e9;
            }
        }
    }

    /** Waits until every message was consumed or the time limit passed; returns the latencies recorded meanwhile. */
    private Histogram awaitDrain(String phase, CountDownLatch consumed, int count, Recorder latency)
            throws InterruptedException {
        Progress progress = Progress.start(phase, () -> count - consumed.getCount(), count, latency);
        try {
            consumed.await(workload.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            progress.close();
        }
        return progress.total();
    }
}
