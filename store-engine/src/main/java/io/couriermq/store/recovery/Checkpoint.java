package io.couriermq.store.recovery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

import io.couriermq.store.segment.Segment;

/**
 * How far the store's files were known to be on disk at the last flush: the commit log up to
 * {@code logFlushedOffset}, and every derived store (consume queues, index) up to {@code dispatchedOffset}.
 * Recovery starts scanning the log at the first and replays dispatch from the second; both only ever shorten
 * the work, never change its result.
 *
 * <pre>
 * magic (4) | version (4) | log flushed offset (8) | dispatched offset (8) | written at, epoch ms (8) | CRC32C (4)
 * </pre>
 *
 * Written to a temporary file, forced, and renamed over the old one, so a crash leaves either the old or the
 * new checkpoint, never a torn one; the CRC catches anything else.
 */
public record Checkpoint(long logFlushedOffset, long dispatchedOffset, long writtenAtMillis) {

    public static final String FILE_NAME = "checkpoint";
    private static final int MAGIC = 0xC0DE_C4EC;
    private static final int VERSION = 1;
    private static final int SIZE = 36;

    /** The checkpoint in {@code dir}, or empty if there is none or it fails validation. */
    public static Optional<Checkpoint> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != SIZE) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(0) != MAGIC || in.getInt(4) != VERSION || in.getInt(SIZE - 4) != crcOf(bytes)) {
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(in.getLong(8), in.getLong(16), in.getLong(24)));
    }

    /** Durably replaces the checkpoint in {@code dir} with this one. */
    public void write(Path dir) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        out.putInt(MAGIC).putInt(VERSION).putLong(logFlushedOffset).putLong(dispatchedOffset).putLong(writtenAtMillis);
        out.putInt(SIZE - 4, crcOf(out.array()));
        Path temporary = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(out.rewind());
            channel.force(true);
        }
        Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Segment.syncDirectory(dir);
    }

    private static int crcOf(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, SIZE - 4);
        return (int) crc.getValue();
    }
}
