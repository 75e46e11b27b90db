package io.couriermq.bench.store;

import io.couriermq.store.segment.Mmap;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The machine's plain write+fsync rate: one 4 KiB write and one force per call, nothing else. A store that
 * syncs every acknowledged put from one writer cannot beat this, so it is the yardstick for SYNC_FLUSH with one
 * writer. Two variants, since file systems price them differently:
 * <ul>
 *     <li>appending to a new empty file with {@code force(true)}: every force also commits the file's growth
 *     (size and block allocation) to the journal;</li>
 *     <li>overwriting a preallocated, zero-filled and forced file with {@code force(false)}: blocks and size
 *     already exist, so a force writes data only. This is what a store with preallocated segments can reach.</li>
 * </ul>
 * A third figure is for reference, not a yardstick: the same overwrites through a memory mapping, each forced with
 * {@code MappedByteBuffer.force(index, length)}, which is how a store with mapped segments syncs. On some file
 * systems (ext4 here) the first write to a page after it was written back costs a page fault that enters the
 * journal, so this runs well below the plain rate, and it bounds such a store's SYNC rate with one writer.
 */
final class FsyncProbe {

    private static final int WRITE_BYTES = 4096;
    /** Overwrites wrap around inside this file, so it need not grow with the disk's speed. */
    private static final int PREALLOCATED_BYTES = 64 << 20;

    /** One variant's result; latencies are per call (write and force), in nanoseconds. */
    record Result(String variant, long calls, long elapsedNanos, Histogram latencyNanos) {

        double callsPerSecond() {
            return elapsedNanos <= 0 ? 0 : calls * 1e9 / elapsedNanos;
        }
    }

    private FsyncProbe() {
    }

    /** The faster of the two plain variants, in calls/s: the yardstick of a store that syncs every put. */
    static double fasterPlainRate(Path dir, Duration duration) throws IOException {
        return Math.max(appendingNewFile(dir, duration).callsPerSecond(),
                overwritingPreallocated(dir, duration).callsPerSecond());
    }

    static Result appendingNewFile(Path dir, Duration duration) throws IOException {
        Path file = dir.resolve("fsync-append");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            return measure("append new file, force(true)", channel, duration, true, Long.MAX_VALUE);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static Result overwritingPreallocated(Path dir, Duration duration) throws IOException {
        Path file = dir.resolve("fsync-overwrite");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            preallocate(channel);
            return measure("overwrite preallocated, force(false)", channel, duration, false, PREALLOCATED_BYTES);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static Result overwritingMapped(Path dir, Duration duration) throws IOException {
        Path file = dir.resolve("fsync-mapped");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            preallocate(channel);
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, PREALLOCATED_BYTES);
            byte[] block = new byte[WRITE_BYTES];
            try {
                return time("mapped overwrite, force(range) (reference)", duration, PREALLOCATED_BYTES,
                        (call, position) -> {
                            int at = (int) position;
                            mapped.put(at, block).putLong(at, call);
                            mapped.force(at, WRITE_BYTES);
                        });
            } finally {
                Mmap.unmap(mapped);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Fills the file with zeros and forces it, so that later writes find their blocks allocated. */
    private static void preallocate(FileChannel channel) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long position = 0; position < PREALLOCATED_BYTES; position += zeros.capacity()) {
            zeros.clear();
            writeFully(channel, zeros, position);
        }
        channel.force(true);
    }

    private static Result measure(String variant, FileChannel channel, Duration duration, boolean forceMetadata,
                                  long wrapAtBytes) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect(WRITE_BYTES);
        return time(variant, duration, wrapAtBytes, (call, position) -> {
            block.clear();
            block.putLong(0, call);
            writeFully(channel, block, position);
            channel.force(forceMetadata);
        });
    }

    /** One synced 4 KiB write: call number {@code call} at {@code position}. */
    @FunctionalInterface
    private interface SyncedWrite {
        void run(long call, long position) throws IOException;
    }

    /** Repeats {@code write} for {@code duration}, advancing 4 KiB a call and wrapping at {@code wrapAtBytes}. */
    private static Result time(String variant, Duration duration, long wrapAtBytes, SyncedWrite write)
            throws IOException {
        Histogram latency = new Histogram(3);
        long position = 0;
        long calls = 0;
        long startNs = System.nanoTime();
        long deadlineNs = startNs + duration.toNanos();
        long nowNs = startNs;
        while (nowNs - deadlineNs < 0) {
            write.run(calls, position);
            long endNs = System.nanoTime();
            latency.recordValue(endNs - nowNs);
            nowNs = endNs;
            calls++;
            position = (position + WRITE_BYTES) % wrapAtBytes;
        }
        return new Result(variant, calls, nowNs - startNs, latency);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
