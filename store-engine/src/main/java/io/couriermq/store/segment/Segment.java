package io.couriermq.store.segment;

import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fixed-size, memory-mapped file that holds the bytes from {@link #baseOffset()} to
 * {@code baseOffset + size}. The segment does not know what it holds; its owner decides how far it is written.
 *
 * <p>Lifetime is reference counted. The owner holds one reference from creation; readers {@link #retain()} for
 * the duration of a read and {@link #release()} after. {@link #destroy()} drops the owner's reference and marks
 * the file for deletion: the mapping is unmapped and the file deleted when the last reader releases, so a
 * segment that a reader holds is never pulled from under it.
 *
 * <p>Thread safety: reference counting is thread-safe. The buffer is shared; callers agree among themselves who
 * writes which range (the single writer of a log) and use absolute gets and puts only.
 */
public final class Segment {

    private static final int PAGE_SIZE = 4096;

    private final Path file;
    private final long baseOffset;
    private final int size;
    private final MappedByteBuffer buffer;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile boolean deleteOnRelease;
    /** Opened by the first {@link #writeThrough}; closed with the mapping. */
    private volatile FileChannel writeChannel;

    private Segment(Path file, long baseOffset, int size, MappedByteBuffer buffer) {
        this.file = file;
        this.baseOffset = baseOffset;
        this.size = size;
        this.buffer = buffer;
    }

    /**
     * Creates the file for a new segment in {@code dir}, refusing with DISK_FULL if the file system lacks room
     * for it, and makes the new directory entry durable.
     */
    public static Segment create(Path dir, long baseOffset, int size) {
        Path file = dir.resolve(SegmentNames.nameOf(baseOffset));
        try {
            if (Files.exists(file)) {
                throw new IllegalStateException("segment " + file + " already exists");
            }
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < size) {
                throw new StoreException(StoreErrorCode.DISK_FULL, "cannot create segment " + file + " of "
                        + size + " bytes: only " + usable + " bytes usable");
            }
            Segment segment = new Segment(file, baseOffset, size, Mmap.map(file, size));
            syncDirectory(dir);
            return segment;
        } catch (IOException e) {
            throw ioFailure("create segment " + file, e);
        }
    }

    /** Maps an existing segment file. */
    public static Segment open(Path file, long baseOffset, int size) {
        try {
            return new Segment(file, baseOffset, size, Mmap.map(file, size));
        } catch (IOException e) {
            throw ioFailure("open segment " + file, e);
        }
    }

    /** Forces a directory's entries (new and deleted files) to disk. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static StoreException ioFailure(String action, IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        StoreErrorCode code = message.contains("No space left") ? StoreErrorCode.DISK_FULL : StoreErrorCode.IO_ERROR;
        return new StoreException(code, "failed to " + action + ": " + e, e);
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** The offset just past this segment: where the next one begins. */
    public long endOffset() {
        return baseOffset + size;
    }

    public int size() {
        return size;
    }

    public Path file() {
        return file;
    }

    public boolean contains(long offset) {
        return offset >= baseOffset && offset < baseOffset + size;
    }

    /**
     * The shared mapping. Use absolute accessors only, and only while holding a reference. Writers that need
     * positional state take a {@link ByteBuffer#duplicate()} of their own.
     */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Takes a reader's reference; false if the segment has already been released for good. */
    public boolean retain() {
        while (true) {
            int current = references.get();
            if (current <= 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one unmaps the file, and deletes it if the segment was destroyed. */
    public void release() {
        int remaining = references.decrementAndGet();
        if (remaining == 0) {
            closeWriteChannel();
            Mmap.unmap(buffer);
            if (deleteOnRelease) {
                deleteFile();
            }
        } else if (remaining < 0) {
            throw new IllegalStateException("segment " + file + " released more often than retained");
        }
    }

    /** Drops the owner's reference: the mapping goes once readers are done; the file stays. */
    public void close() {
        release();
    }

    /** Drops the owner's reference and deletes the file once readers are done. */
    public void destroy() {
        deleteOnRelease = true;
        release();
    }

    /** True while the mapping is usable: not yet released by its owner and all readers. */
    public boolean isMapped() {
        return references.get() > 0;
    }

    /**
     * Forces the bytes in {@code [from, to)} (offsets relative to the segment) to disk, however they were written:
     * msync of a range syncs the file's pages in that range, written through the mapping or through
     * {@link #writeThrough}. Unlike a channel's force, it leaves the rest of the file alone (a fresh segment is
     * mostly dirty zeros from {@link #pretouch(int)}).
     */
    public void force(int from, int to) {
        if (to > from) {
            buffer.force(from, to - from);
        }
    }

    /**
     * Writes {@code bytes} at {@code at} with a positional file write instead of through the mapping; readers of
     * the mapping see them at once (one page cache). A store that forces after nearly every write wants this: the
     * first store to a mapped page after a force takes a page fault, which the kernel spends re-arming its dirty
     * tracking and which costs more than the copy a write makes.
     *
     * <p>The caller must be the segment's only writer. An interrupt of the calling thread would close a file
     * channel for everyone; the interrupt is held back for the duration of the write and restored after.
     */
    public void writeThrough(int at, ByteBuffer bytes) {
        boolean interrupted = Thread.interrupted();
        try {
            long filePosition = at;
            while (bytes.hasRemaining()) {
                filePosition += openWriteChannel().write(bytes, filePosition);
            }
        } catch (ClosedByInterruptException e) {
            // Interrupted mid-write despite the above: the channel is gone, the bytes may be half written.
            writeChannel = null;
            throw ioFailure("write segment " + file + " (interrupted)", e);
        } catch (IOException e) {
            throw ioFailure("write segment " + file, e);
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FileChannel openWriteChannel() throws IOException {
        FileChannel channel = writeChannel;
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            writeChannel = channel;
        }
        return channel;
    }

    private void closeWriteChannel() {
        FileChannel channel = writeChannel;
        if (channel != null) {
            writeChannel = null;
            try {
                channel.close();
            } catch (IOException e) {
                throw ioFailure("close segment " + file, e);
            }
        }
    }

    /**
     * Touches every page that begins at or after {@code from}, the end of what was written, so the writer never
     * takes the page fault that allocates file blocks. Writes a zero at the start of each such page, where nothing
     * was written yet. A file system out of room answers such a fault with SIGBUS, which the JVM raises here as an
     * {@link InternalError}; we turn it into DISK_FULL before the writer ever sees the page.
     */
    public void pretouch(int from) {
        pretouch(from, size);
    }

    /** {@link #pretouch(int)} limited to the pages that begin before {@code to}. */
    public void pretouch(int from, int to) {
        try {
            int firstWholePage = (from + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE;
            for (int position = firstWholePage; position < to; position += PAGE_SIZE) {
                buffer.put(position, (byte) 0);
            }
        } catch (InternalError faultOnMappedPage) {
            throw new StoreException(StoreErrorCode.DISK_FULL, "no room for the pages of segment " + file,
                    faultOnMappedPage);
        }
    }

    private void deleteFile() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to delete segment " + file, e);
        }
    }

    @Override
    public String toString() {
        return "Segment[" + file.getFileName() + ", base=" + baseOffset + ", size=" + size + "]";
    }
}
