package io.couriermq.broker.core.consume;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * A slave's own consumer journal: one {@link ConsumerJournal.Entry} per line, UTF-8, appended as entries come. A
 * crash can leave the last line half written; opening cuts it off (its acknowledgement was never answered).
 * Snapshots cover what the file holds, so after one the covered lines are dropped ({@link #dropBefore}).
 *
 * <p>Thread-safe: every method holds the log's lock; writes are a few dozen bytes.
 */
final class ReplicaAckLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaAckLog.class);
    private static final byte NEWLINE = '\n';

    private final Path file;
    private final boolean force;
    private FileChannel channel;

    private ReplicaAckLog(Path file, boolean force, FileChannel channel) {
        this.file = file;
        this.force = force;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) the log, cutting a half-written last line.
     *
     * @param force force each append to disk before it returns
     */
    static ReplicaAckLog open(Path file, boolean force) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long complete = completeLinesEnd(file);
            if (complete < channel.size()) {
                LOG.warn("cutting {} bytes of a half-written line at the end of {}", channel.size() - complete, file);
                channel.truncate(complete);
            }
            channel.position(complete);
            return new ReplicaAckLog(file, force, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    private static long completeLinesEnd(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != NEWLINE) {
            end--;
        }
        return end;
    }

    synchronized void append(List<ConsumerJournal.Entry> entries) {
        StringBuilder lines = new StringBuilder();
        for (ConsumerJournal.Entry entry : entries) {
            lines.append(entry.encode()).append((char) NEWLINE);
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    synchronized void replay(Consumer<ConsumerJournal.Entry> apply) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    apply.accept(ConsumerJournal.Entry.decode(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Where the next line goes. */
    synchronized long end() {
        try {
            return channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the position of " + file, e);
        }
    }

    /** Drops the lines before {@code position} (an earlier {@link #end()}), keeping the ones written since. */
    synchronized void dropBefore(long position) throws IOException {
        if (position == 0) {
            return;
        }
        long end = channel.position();
        Path rest = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel target = FileChannel.open(rest, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long copied = 0;
            while (copied < end - position) {
                copied += channel.transferTo(position + copied, end - position - copied, target);
            }
            target.force(true);
        }
        channel.close();
        try {
            Files.move(rest, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
