package io.couriermq.bench.store;

import org.HdrHistogram.Histogram;

/**
 * What one store did on one row.
 *
 * @param messages       messages acknowledged in the measured phase
 * @param appendNanos    from the first measured put to the last acknowledgement and the consume queues and index
 *                       covering every message
 * @param latencyNanos   each measured put from submit to acknowledgement
 * @param storedMessages messages in the store after the run, warm-up included
 * @param readMessages   messages the read-back found; differs from {@code storedMessages} only if something is lost
 * @param readNanos      time to read them all back
 */
record StoreFigures(long messages, long appendNanos, Histogram latencyNanos, long storedMessages, long readMessages,
                    long readNanos) {

    double appendsPerSecond() {
        return perSecond(messages, appendNanos);
    }

    /** Body bytes only, in MB (10^6 bytes) per second. */
    double megabytesPerSecond(int bodySizeBytes) {
        return appendsPerSecond() * bodySizeBytes / 1e6;
    }

    double p50Micros() {
        return latencyNanos.getValueAtPercentile(50) / 1e3;
    }

    double p99Micros() {
        return latencyNanos.getValueAtPercentile(99) / 1e3;
    }

    double readsPerSecond() {
        return perSecond(readMessages, readNanos);
    }

    boolean readBackComplete() {
        return readMessages == storedMessages;
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
