package io.couriermq.bench.store;

import io.couriermq.store.FlushMode;

import java.nio.file.Path;

/** The stores the benchmark compares, in table order: ours first, then the baselines. */
enum StoreKind {

    COURIER("courier") {
        @Override
        BenchStore open(Path dir, FlushMode flushMode, Workload workload) {
            return CourierBenchStore.open(dir, flushMode, workload);
        }
    },
    ROCKETMQ("rocketmq") {
        @Override
        BenchStore open(Path dir, FlushMode flushMode, Workload workload) throws Exception {
            return RocketMqBenchStore.open(dir, flushMode, workload);
        }
    },
    CHRONICLE("chronicle") {
        @Override
        BenchStore open(Path dir, FlushMode flushMode, Workload workload) {
            return ChronicleBenchStore.open(dir, workload);
        }

        @Override
        boolean supports(FlushMode flushMode) {
            return flushMode == FlushMode.ASYNC_FLUSH;
        }

        /** One thread cannot keep appends in flight when each completes inside the call. */
        @Override
        boolean hasAsyncAppend() {
            return false;
        }
    };

    private final String label;

    StoreKind(String label) {
        this.label = label;
    }

    /** Opens a new store in the empty directory {@code dir}. */
    abstract BenchStore open(Path dir, FlushMode flushMode, Workload workload) throws Exception;

    boolean supports(FlushMode flushMode) {
        return true;
    }

    boolean hasAsyncAppend() {
        return true;
    }

    String label() {
        return label;
    }
}
