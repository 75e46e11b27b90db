package io.couriermq.bench.store;

import java.util.List;
import java.util.Optional;

/**
 * Every store's result for one row.
 *
 * @param plainFsyncPerSecond the faster plain write+fsync rate, measured just before the row's stores ran (rows
 *                            checked against it only; 0 otherwise). Measured there, not once per run, because a
 *                            shared VM's disk changes pace within minutes.
 */
record RowResult(BenchRow row, List<StoreResult> stores, double plainFsyncPerSecond) {

    RowResult {
        stores = List.copyOf(stores);
    }

    /** The measured figures of {@code kind}, if it ran on this row and succeeded. */
    Optional<StoreFigures> figures(StoreKind kind) {
        return stores.stream()
                .filter(result -> result.store() == kind && result.isMeasured())
                .map(StoreResult::figures)
                .findFirst();
    }
}
