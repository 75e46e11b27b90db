package io.couriermq.bench.harness;

import org.HdrHistogram.Histogram;

import java.io.PrintWriter;

/** The figures of one benchmark run, printed as a summary. Latencies are recorded in microseconds. */
public final class BenchReport {

    /** A send phase: messages acknowledged and failed, its duration, and per-message request latency. */
    public record SendFigures(long acked, long failed, double seconds, Histogram latencyMicros) {
        public double rate() {
            return acked / seconds;
        }
    }

    private final Workload workload;
    SendFigures liveSend;
    SendFigures backlogSend;
    Histogram endToEndMicros;
    long liveConsumed;
    long backlogConsumed;
    double backlogConsumeSeconds;

    BenchReport(Workload workload) {
        this.workload = workload;
    }

    /** Whether every message was sent and consumed in both phases. */
    public boolean complete() {
        int messages = workload.messages();
        return liveSend.acked() == messages && backlogSend.acked() == messages && liveConsumed == messages
                && backlogConsumed == messages;
    }

    public void print(PrintWriter out) {
        out.printf("%nworkload: %,d messages of %,d B per phase, %d send requests in flight, %d message(s) per "
                + "request%n", workload.messages(), workload.bodyBytes(), workload.inFlight(), workload.batch());
        out.printf("%-28s %12s %10s %10s %10s %8s%n", "", "msgs/s", "p50 ms", "p99 ms", "p999 ms", "failed");
        sendRow(out, "send (consumer running)", liveSend);
        sendRow(out, "send (no consumer)", backlogSend);
        latencyRow(out, "end-to-end delivery", liveConsumed / Math.max(liveSend.seconds(), 1e-9), endToEndMicros);
        out.printf("%-28s %,12.0f%n", "consume backlog", backlogConsumed / Math.max(backlogConsumeSeconds, 1e-9));
        if (!complete()) {
            out.printf("INCOMPLETE: sent %,d + %,d, consumed %,d + %,d of %,d per phase%n", liveSend.acked(),
                    backlogSend.acked(), liveConsumed, backlogConsumed, workload.messages());
        }
    }

    private static void sendRow(PrintWriter out, String name, SendFigures figures) {
        out.printf("%-28s %,12.0f %10.2f %10.2f %10.2f %,8d%n", name, figures.rate(),
                ms(figures.latencyMicros(), 50), ms(figures.latencyMicros(), 99), ms(figures.latencyMicros(), 99.9),
                figures.failed());
    }

    private static void latencyRow(PrintWriter out, String name, double rate, Histogram micros) {
        out.printf("%-28s %,12.0f %10.2f %10.2f %10.2f%n", name, rate, ms(micros, 50), ms(micros, 99),
                ms(micros, 99.9));
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
