package io.couriermq.store.index;

import io.couriermq.store.segment.Segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One persistent hash index file mapping key hashes to commit log offsets, with chains through a fixed slot
 * table so that a lookup walks only the entries of its slot, newest first.
 *
 * <pre>
 * header (48 bytes): begin timestamp (8) | end timestamp (8) | begin log offset (8) | covered log offset (8)
 *                    | entry count (4) | slot count (4) | max entries (4) | reserved (4)
 * slots:   slot count x 4 bytes, each the number of the newest entry in that slot (0 = none; entries count
 *          from 1)
 * entries: max entries x 20 bytes: key hash (4) | log offset (8) | seconds since begin timestamp (4)
 *          | number of the previous entry in the same slot (4)
 * </pre>
 *
 * "Covered log offset" is the end of the last record indexed: dispatch resumes there after a restart, so a
 * record is not indexed twice. Entries are hints: whoever follows one reads the record and checks its key.
 *
 * <p>Threading: writes come from the dispatch thread, lookups from any thread; both synchronise on the file,
 * which costs the writer an uncontended lock and keeps lookups from following a half-written chain.
 */
final class IndexFile {

    static final int HEADER_SIZE = 48;
    static final int SLOT_SIZE = 4;
    static final int ENTRY_SIZE = 20;
    private static final int BEGIN_TIMESTAMP = 0;
    private static final int END_TIMESTAMP = 8;
    private static final int BEGIN_OFFSET = 16;
    private static final int COVERED_OFFSET = 24;
    private static final int ENTRY_COUNT = 32;
    private static final int SLOT_COUNT = 36;
    private static final int MAX_ENTRIES = 40;

    private final Segment file;
    private final ByteBuffer buffer;
    private final int slotCount;
    private final int maxEntries;

    private IndexFile(Segment file) {
        this.file = file;
        this.buffer = file.buffer();
        this.slotCount = buffer.getInt(SLOT_COUNT);
        this.maxEntries = buffer.getInt(MAX_ENTRIES);
    }

    static int fileSize(int slotCount, int maxEntries) {
        return Math.toIntExact(HEADER_SIZE + (long) slotCount * SLOT_SIZE + (long) maxEntries * ENTRY_SIZE);
    }

    /** Creates an empty index file whose first entry will be for the record at {@code beginOffset}. */
    static IndexFile create(Path dir, long beginOffset, int slotCount, int maxEntries) {
        Segment segment = Segment.create(dir, beginOffset, fileSize(slotCount, maxEntries));
        ByteBuffer header = segment.buffer();
        header.putLong(BEGIN_OFFSET, beginOffset);
        header.putLong(COVERED_OFFSET, beginOffset);
        header.putInt(SLOT_COUNT, slotCount);
        header.putInt(MAX_ENTRIES, maxEntries);
        return new IndexFile(segment);
    }

    /**
     * Opens an index file written before; its own header says its geometry. Returns null for a file whose header
     * does not describe it, as a crash during {@link #create} leaves it: the caller deletes it and re-indexes.
     */
    static IndexFile open(Path file, long beginOffset) {
        try {
            long size = Files.size(file);
            if (size < HEADER_SIZE) {
                return null;
            }
            IndexFile index = new IndexFile(Segment.open(file, beginOffset, (int) size));
            if (index.slotCount <= 0 || index.maxEntries <= 0 || fileSize(index.slotCount, index.maxEntries) != size
                    || index.beginOffset() != beginOffset) {
                index.close();
                return null;
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index file " + file, e);
        }
    }

    synchronized boolean isFull() {
        return entryCount() >= maxEntries;
    }

    synchronized long beginOffset() {
        return buffer.getLong(BEGIN_OFFSET);
    }

    synchronized long coveredOffset() {
        return buffer.getLong(COVERED_OFFSET);
    }

    /** Moves the covered offset back, after the log was truncated below it. */
    synchronized void limitCoveredOffset(long logEnd) {
        if (coveredOffset() > logEnd) {
            buffer.putLong(COVERED_OFFSET, Math.max(logEnd, beginOffset()));
        }
    }

    private int entryCount() {
        return buffer.getInt(ENTRY_COUNT);
    }

    /** Adds one entry; the caller checked {@link #isFull()}. */
    synchronized void add(int keyHash, long logOffset, long storeTimestamp) {
        int count = entryCount();
        if (count == 0) {
            buffer.putLong(BEGIN_TIMESTAMP, storeTimestamp);
        }
        int number = count + 1;
        int slotAt = slotPosition(keyHash);
        int entryAt = entryPosition(number);
        long beginTimestamp = buffer.getLong(BEGIN_TIMESTAMP);
        buffer.putInt(entryAt, keyHash);
        buffer.putLong(entryAt + 4, logOffset);
        buffer.putInt(entryAt + 12, (int) Math.max(0, (storeTimestamp - beginTimestamp) / 1000));
        buffer.putInt(entryAt + 16, buffer.getInt(slotAt));
        buffer.putInt(slotAt, number);
        buffer.putInt(ENTRY_COUNT, number);
        buffer.putLong(END_TIMESTAMP, Math.max(storeTimestamp, buffer.getLong(END_TIMESTAMP)));
    }

    /** Records that every record before {@code logEnd} has been indexed. */
    synchronized void cover(long logEnd) {
        buffer.putLong(COVERED_OFFSET, logEnd);
    }

    /**
     * Adds to {@code out} the log offsets of entries with this key hash stored between the two timestamps
     * (inclusive, to the second), newest first, until it holds {@code max}. Returns false if this whole file is
     * older than the range, so older files need not be searched either.
     */
    boolean lookup(int keyHash, long fromTimestamp, long toTimestamp, int max, List<Long> out) {
        if (!file.retain()) {
            return true;
        }
        try {
            synchronized (this) {
                long endTimestamp = buffer.getLong(END_TIMESTAMP);
                if (entryCount() > 0 && endTimestamp < fromTimestamp - 999) {
                    return false;
                }
                if (entryCount() > 0 && buffer.getLong(BEGIN_TIMESTAMP) <= toTimestamp) {
                    walkChain(keyHash, fromTimestamp, toTimestamp, max, out);
                }
                return true;
            }
        } finally {
            file.release();
        }
    }

    private void walkChain(int keyHash, long fromTimestamp, long toTimestamp, int max, List<Long> out) {
        long beginTimestamp = buffer.getLong(BEGIN_TIMESTAMP);
        int count = entryCount();
        int number = buffer.getInt(slotPosition(keyHash));
        while (number > 0 && number <= count && out.size() < max) {
            int entryAt = entryPosition(number);
            long timestamp = beginTimestamp + buffer.getInt(entryAt + 12) * 1000L;
            if (buffer.getInt(entryAt) == keyHash && timestamp >= fromTimestamp - 999 && timestamp <= toTimestamp) {
                out.add(buffer.getLong(entryAt + 4));
            }
            int previous = buffer.getInt(entryAt + 16);
            // Chains only point backwards; anything else is damage from a crash, and ends the walk.
            number = previous < number ? previous : 0;
        }
    }

    private int slotPosition(int keyHash) {
        return HEADER_SIZE + Math.floorMod(keyHash, slotCount) * SLOT_SIZE;
    }

    private int entryPosition(int number) {
        return HEADER_SIZE + slotCount * SLOT_SIZE + (number - 1) * ENTRY_SIZE;
    }

    void flush() {
        if (file.retain()) {
            try {
                file.force(0, file.size());
            } finally {
                file.release();
            }
        }
    }

    void close() {
        file.close();
    }

    void delete() {
        file.destroy();
    }
}
