package io.couriermq.broker.core.timer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The timer's schedule on disk: one file per time bucket, named by the bucket's start in epoch milliseconds (20
 * digits, so a listing sorts by time), holding fixed-size entries in arrival order:
 *
 * <pre>
 *  0                8                16       20
 *  +----------------+----------------+--------+
 *  | due at (ms)    | log offset     | size   |   the timer message at that commit log offset is due then
 *  +----------------+----------------+--------+
 * </pre>
 *
 * Pending messages cost 20 bytes of disk each and no memory until their bucket comes due. The files are derived
 * data: each entry points at a timer message in the commit log, which the timer can enqueue again. A crash may
 * therefore leave a torn last entry (cut when the files are opened) or an entry twice (dropped when its bucket is
 * loaded). Writes reach the page cache at once and the disk at {@link #force()}, which the timer calls before it
 * records how far it has enqueued.
 *
 * <p>Not thread-safe: only the timer thread uses it.
 */
final class TimerBuckets implements AutoCloseable {

    static final int ENTRY_BYTES = 20;
    private static final int MAX_OPEN_FILES = 64;
    private static final int READ_CHUNK_BYTES = 64 * 1024;

    /** Receives the entries of a bucket. */
    @FunctionalInterface
    interface EntryVisitor {
        void accept(long dueAt, long logOffset, int size);
    }

    private final Path dir;
    private final long widthMillis;
    private final TreeSet<Long> buckets;
    private final Map<Long, FileChannel> openFiles = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, ByteBuffer> unwritten = new HashMap<>();
    private final Set<Long> unforced = new HashSet<>();
    private boolean directoryChanged;
    private long entries;

    private TimerBuckets(Path dir, long widthMillis, TreeSet<Long> buckets, long entries) {
        this.dir = dir;
        this.widthMillis = widthMillis;
        this.buckets = buckets;
        this.entries = entries;
    }

    /** Opens the bucket files in {@code dir} (created if missing), cutting torn last entries. */
    static TimerBuckets open(Path dir, Duration width) throws IOException {
        Files.createDirectories(dir);
        TreeSet<Long> buckets = new TreeSet<>();
        long entries = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.matches("\\d{20}")) {
                    continue;
                }
                long bytes = Files.size(file);
                if (bytes % ENTRY_BYTES != 0) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(bytes - bytes % ENTRY_BYTES);
                    }
                }
                entries += bytes / ENTRY_BYTES;
                buckets.add(Long.parseLong(name));
            }
        }
        return new TimerBuckets(dir, width.toMillis(), buckets, entries);
    }

    /** The start of the bucket holding {@code time}. */
    long bucketOf(long time) {
        return Math.floorDiv(time, widthMillis) * widthMillis;
    }

    long widthMillis() {
        return widthMillis;
    }

    /** Entries held in all files, including delivered ones of buckets not yet deleted. */
    long entries() {
        return entries;
    }

    /** Adds an entry; it is written at the next {@link #writeBuffered()}. */
    void add(long dueAt, long logOffset, int size) {
        long bucket = bucketOf(dueAt);
        ByteBuffer buffer = unwritten.computeIfAbsent(bucket, b -> ByteBuffer.allocate(16 * ENTRY_BYTES));
        if (buffer.remaining() < ENTRY_BYTES) {
            ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() * 2);
            larger.put(buffer.flip());
            buffer = larger;
            unwritten.put(bucket, buffer);
        }
        buffer.putLong(dueAt).putLong(logOffset).putInt(size);
        entries++;
    }

    /** Writes the entries added since the last call to their files (the page cache, not yet the disk). */
    void writeBuffered() throws IOException {
        for (Map.Entry<Long, ByteBuffer> bucket : unwritten.entrySet()) {
            ByteBuffer buffer = bucket.getValue().flip();
            FileChannel channel = channel(bucket.getKey());
            long end = channel.size();
            while (buffer.hasRemaining()) {
                end += channel.write(buffer, end);
            }
            unforced.add(bucket.getKey());
        }
        unwritten.clear();
    }

    /** Forces everything written so far to disk, the directory included when files were created or deleted. */
    void force() throws IOException {
        for (Long bucket : unforced) {
            FileChannel channel = openFiles.get(bucket);
            if (channel != null) {
                channel.force(false);
            }
        }
        unforced.clear();
        if (directoryChanged) {
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
            directoryChanged = false;
        }
    }

    /** The start of the first bucket at or after {@code start} that has a file, or null. */
    Long firstBucketFrom(long start) {
        return buckets.ceiling(start);
    }

    /** Feeds every entry of a bucket to {@code visitor}, in file order; entries that cannot be real are skipped. */
    void load(long bucket, EntryVisitor visitor) throws IOException {
        if (!buckets.contains(bucket)) {
            return;
        }
        FileChannel channel = channel(bucket);
        ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK_BYTES - READ_CHUNK_BYTES % ENTRY_BYTES);
        long position = 0;
        long end = channel.size() - channel.size() % ENTRY_BYTES;
        while (position < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, position + chunk.position()) < 0) {
                    throw new IOException("bucket " + bucket + " shrank while being read");
                }
            }
            position += chunk.flip().remaining();
            while (chunk.remaining() >= ENTRY_BYTES) {
                long dueAt = chunk.getLong();
                long logOffset = chunk.getLong();
                int size = chunk.getInt();
                // A crash can leave zeros where the file grew but data never landed.
                if (size > 0 && logOffset >= 0 && bucketOf(dueAt) == bucket) {
                    visitor.accept(dueAt, logOffset, size);
                }
            }
        }
    }

    /** Deletes the files of every bucket that starts before {@code bucket}. */
    void deleteBefore(long bucket) throws IOException {
        Iterator<Long> older = buckets.headSet(bucket).iterator();
        while (older.hasNext()) {
            long start = older.next();
            FileChannel channel = openFiles.remove(start);
            if (channel != null) {
                channel.close();
            }
            Path file = file(start);
            entries -= Files.size(file) / ENTRY_BYTES;
            Files.delete(file);
            unforced.remove(start);
            older.remove();
            directoryChanged = true;
        }
    }

    private FileChannel channel(long bucket) throws IOException {
        FileChannel channel = openFiles.get(bucket);
        if (channel != null) {
            return channel;
        }
        if (openFiles.size() >= MAX_OPEN_FILES) {
            evictEldest();
        }
        channel = FileChannel.open(file(bucket), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (buckets.add(bucket)) {
            directoryChanged = true;
        }
        openFiles.put(bucket, channel);
        return channel;
    }

    private void evictEldest() throws IOException {
        Iterator<Map.Entry<Long, FileChannel>> eldest = openFiles.entrySet().iterator();
        Map.Entry<Long, FileChannel> entry = eldest.next();
        if (unforced.remove(entry.getKey())) {
            entry.getValue().force(false);
        }
        entry.getValue().close();
        eldest.remove();
    }

    private Path file(long bucket) {
        return dir.resolve(String.format("%020d", bucket));
    }

    @Override
    public void close() {
        List<IOException> failures = new ArrayList<>();
        for (FileChannel channel : openFiles.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        openFiles.clear();
        if (!failures.isEmpty()) {
            UncheckedIOException failure = new UncheckedIOException("closing timer buckets in " + dir + " failed",
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
