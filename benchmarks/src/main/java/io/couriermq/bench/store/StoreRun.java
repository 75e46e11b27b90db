package io.couriermq.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures one store on one row, in a directory of its own: open, warm up, measure appends until everything is
 * indexed, read everything back, close, delete the directory.
 *
 * <p>The warm-up appends, and reads back what it appended, so that the JIT has compiled the store's write and read
 * paths before anything is measured. It is not counted, and the measured phase starts only after the warm-up's
 * indexing has caught up, so that it does not inherit a backlog.
 */
final class StoreRun {

    private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(2);

    private StoreRun() {
    }

    static StoreFigures measure(StoreKind kind, BenchRow row, WriterMode mode, Workload workload, Path dir,
                                PhaseLimits warmUp, PhaseLimits measured) throws Exception {
        Files.createDirectories(dir);
        Throwable failure = null;
        try (BenchStore store = kind.open(dir, row.flushMode(), workload)) {
            return measure(store, mode, warmUp, measured);
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            deleteAfter(dir, failure);
        }
    }

    private static StoreFigures measure(BenchStore store, WriterMode mode, PhaseLimits warmUp, PhaseLimits measured)
            throws Exception {
        AppendDriver.Phase warm = AppendDriver.run(store, mode, 0, warmUp);
        store.awaitIndexed(warm.messages(), INDEX_TIMEOUT);
        store.readAll();

        long appendStartNs = System.nanoTime();
        AppendDriver.Phase phase = AppendDriver.run(store, mode, warm.nextIndex(), measured);
        long stored = warm.messages() + phase.messages();
        store.awaitIndexed(stored, INDEX_TIMEOUT);
        long appendNanos = System.nanoTime() - appendStartNs;

        long readStartNs = System.nanoTime();
        long read = store.readAll();
        long readNanos = System.nanoTime() - readStartNs;
        return new StoreFigures(phase.messages(), appendNanos, phase.latencyNanos(), stored, read, readNanos);
    }

    /** Deletes the store's directory; a failure to do so must not hide why the run itself failed. */
    private static void deleteAfter(Path dir, Throwable runFailure) throws IOException {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            if (runFailure == null) {
                throw e;
            }
            runFailure.addSuppressed(e);
        }
    }
}
