package io.couriermq.store;

import io.couriermq.store.recovery.Checkpoint;
import io.couriermq.store.recovery.RunningMarker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Manipulates a closed (or copied) store's files the way crashes and damaged disks do. */
final class StoreFiles {

    private StoreFiles() {
    }

    static List<Path> commitLogSegments(Path storeDir) throws IOException {
        try (Stream<Path> files = Files.list(storeDir.resolve("commitlog"))) {
            return files.sorted(Comparator.comparing(Path::getFileName)).toList();
        }
    }

    /** Makes the store look as if its last run crashed before writing any checkpoint. */
    static void forgetCleanShutdownAndCheckpoint(Path storeDir) throws IOException {
        Files.deleteIfExists(storeDir.resolve(Checkpoint.FILE_NAME));
        if (!Files.exists(storeDir.resolve(RunningMarker.FILE_NAME))) {
            Files.createFile(storeDir.resolve(RunningMarker.FILE_NAME));
        }
    }

    /** Overwrites {@code length} bytes at a commit log offset with {@code bytes}, repeated. */
    static void overwriteLog(Path storeDir, long offset, byte[] bytes) throws IOException {
        long remaining = bytes.length;
        long position = offset;
        int from = 0;
        for (Path segment : commitLogSegments(storeDir)) {
            long base = Long.parseLong(segment.getFileName().toString());
            long size = Files.size(segment);
            if (remaining == 0 || position >= base + size || position < base) {
                continue;
            }
            try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
                int chunk = (int) Math.min(remaining, base + size - position);
                file.seek(position - base);
                file.write(bytes, from, chunk);
                from += chunk;
                remaining -= chunk;
                position += chunk;
            }
        }
        if (remaining > 0) {
            throw new IllegalArgumentException("offset range ends past the log");
        }
    }

    /** Zeroes the commit log from {@code offset} on: what a machine crash does to writes it never flushed. */
    static void zeroLogFrom(Path storeDir, long offset) throws IOException {
        for (Path segment : commitLogSegments(storeDir)) {
            long base = Long.parseLong(segment.getFileName().toString());
            long size = Files.size(segment);
            if (base + size <= offset) {
                continue;
            }
            long from = Math.max(0, offset - base);
            try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
                file.seek(from);
                byte[] zeros = new byte[8192];
                for (long at = from; at < size; at += zeros.length) {
                    file.write(zeros, 0, (int) Math.min(zeros.length, size - at));
                }
            }
        }
    }

    /** Copies a store directory, open or not, as a crash would leave it: everything the page cache holds. */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!source.getFileName().toString().equals("lock")) {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
