package io.couriermq.bench.store;

import io.couriermq.store.FlushMode;

/** One row of the table: a body size, a writer mode and a flush mode, run against every store. */
record BenchRow(int bodySizeBytes, WriterMode writers, FlushMode flushMode) {

    String sizeLabel() {
        if (bodySizeBytes >= 1024 && bodySizeBytes % 1024 == 0) {
            return bodySizeBytes / 1024 + " KiB";
        }
        return bodySizeBytes + " B";
    }

    String flushLabel() {
        return flushMode == FlushMode.SYNC_FLUSH ? "SYNC" : "ASYNC";
    }

    /** A name safe for a directory. */
    String dirName() {
        return bodySizeBytes + "b-" + writers.label() + "-" + flushLabel().toLowerCase();
    }
}
