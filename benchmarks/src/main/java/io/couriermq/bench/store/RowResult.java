package io.couriermq.bench.store;

import java.util.List;
import java.util.Optional;

/** Every store's result for one row. */
record RowResult(BenchRow row, List<StoreResult> stores) {

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
