package io.couriermq.bench.store;

import io.couriermq.store.FlushMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one invocation runs: the rows (every combination of flush mode, body size and writer mode, in that
 * order), the stores, and how long each phase may go.
 *
 * @param asyncLimits        measured-phase bounds for ASYNC_FLUSH rows
 * @param syncLimits         measured-phase bounds for SYNC_FLUSH rows, far smaller since each put waits for a disk
 * @param warmUp             time bound of the uncounted warm-up before each measured phase
 * @param maxBodyBytesPerPhase caps a measured phase's messages so large bodies cannot fill the disk or the page
 *                           cache, and keep the file system clear of the stores' "disk almost full" thresholds
 * @param fsyncProbe         how long each plain write+fsync variant runs
 */
record RunPlan(List<Integer> bodySizes, List<WriterMode> writerModes, List<FlushMode> flushModes,
               List<StoreKind> stores, PhaseLimits asyncLimits, PhaseLimits syncLimits, Duration warmUp,
               long maxBodyBytesPerPhase, Duration fsyncProbe, long seed) {

    /** A warm-up may append this share of the measured phase's message bound. */
    private static final int WARM_UP_DIVISOR = 4;

    RunPlan {
        bodySizes = List.copyOf(bodySizes);
        writerModes = List.copyOf(writerModes);
        flushModes = List.copyOf(flushModes);
        stores = List.copyOf(stores);
    }

    List<BenchRow> rows() {
        List<BenchRow> rows = new ArrayList<>();
        for (FlushMode flushMode : flushModes) {
            for (int bodySize : bodySizes) {
                for (WriterMode writers : writerModes) {
                    rows.add(new BenchRow(bodySize, writers, flushMode));
                }
            }
        }
        return rows;
    }

    PhaseLimits measured(BenchRow row) {
        PhaseLimits limits = row.flushMode() == FlushMode.SYNC_FLUSH ? syncLimits : asyncLimits;
        return limits.capMessages(maxBodyBytesPerPhase / row.bodySizeBytes());
    }

    PhaseLimits warmUp(BenchRow row) {
        return new PhaseLimits(Math.max(1, measured(row).maxMessages() / WARM_UP_DIVISOR), warmUp);
    }
}
