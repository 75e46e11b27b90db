package io.couriermq.bench.store;

/**
 * One store's cell group in a row: measured figures, or why there are none.
 *
 * @param figures             null unless measured
 * @param failure             why the run failed, or null
 * @param copiedFromOneThread the figures are the same store's 1-thread figures (Chronicle's async64 rows: its
 *                            appends finish inside the call, so one thread cannot keep puts in flight)
 */
record StoreResult(StoreKind store, StoreFigures figures, String failure, boolean copiedFromOneThread) {

    static StoreResult measured(StoreKind store, StoreFigures figures) {
        return new StoreResult(store, figures, null, false);
    }

    static StoreResult failed(StoreKind store, String failure) {
        return new StoreResult(store, null, failure, false);
    }

    /** The store has no such mode (Chronicle has no synchronous flush). */
    static StoreResult notApplicable(StoreKind store) {
        return new StoreResult(store, null, null, false);
    }

    StoreResult asCopiedFromOneThread() {
        return new StoreResult(store, figures, failure, true);
    }

    boolean isMeasured() {
        return figures != null;
    }
}
