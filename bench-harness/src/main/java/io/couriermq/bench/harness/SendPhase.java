package io.couriermq.bench.harness;

import org.HdrHistogram.Recorder;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bounded send phase: {@code count} messages, or fewer if the workload's time limit passes first, with the
 * workload's requests in flight; the latency of each message is the time from its request's send to its
 * acknowledgement. Prints progress every second on stderr.
 */
public final class SendPhase {

    private SendPhase() {
    }

    public static BenchReport.SendFigures run(MessageSender sender, Workload workload, String topic, String phase,
                                              int count) throws InterruptedException {
        Recorder latency = new Recorder(3);
        Semaphore permits = new Semaphore(workload.inFlight());
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        byte[] body = new byte[workload.bodyBytes()];
        long start = System.nanoTime();
        long deadline = start + workload.timeLimit().toNanos();
        Progress progress = Progress.start(phase, acked::get, count, latency);
        try {
            for (int sent = 0; sent < count && System.nanoTime() < deadline; sent += workload.batch()) {
                permits.acquire();
                int requestSize = Math.min(workload.batch(), count - sent);
                long sentAt = System.nanoTime();
                sender.send(topic, body, requestSize, sentAt).whenComplete((done, failure) -> {
                    long micros = (System.nanoTime() - sentAt) / 1_000;
                    for (int i = 0; i < requestSize; i++) {
                        latency.recordValue(micros);
                    }
                    (failure == null ? acked : failed).addAndGet(requestSize);
                    permits.release();
                });
            }
            permits.acquire(workload.inFlight());
        } finally {
            progress.close();
        }
        return new BenchReport.SendFigures(acked.get(), failed.get(), (System.nanoTime() - start) / 1e9,
                progress.total());
    }
}
