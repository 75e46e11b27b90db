package io.couriermq.bench.ha;

import io.couriermq.bench.harness.BenchReport.SendFigures;

/**
 * What one mode measured.
 *
 * @param send              the measured send phase
 * @param lag               replication lag sampled during it (no samples for a master without a slave)
 * @param replicatedBytes   how far the slave's log grew from the phase's start until it held the whole log;
 *                          0 for a master without a slave
 * @param replicationSeconds that time
 * @param caughtUp          whether the slave held the whole log before the wait for it ran out
 * @param loadBefore        the machine's 1-minute load average when the measured phase began
 * @param loadAfter         and when it ended
 */
record ModeResult(Mode mode, SendFigures send, LagSampler.Lag lag, long replicatedBytes, double replicationSeconds,
                  boolean caughtUp, double loadBefore, double loadAfter) {

    double replicationMegabytesPerSecond() {
        return replicatedBytes / 1e6 / replicationSeconds;
    }

    /** Send latency at {@code percentile}, in milliseconds. */
    double latencyMs(double percentile) {
        return send.latencyMicros().getValueAtPercentile(percentile) / 1000.0;
    }
}
