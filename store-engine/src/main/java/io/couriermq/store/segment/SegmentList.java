package io.couriermq.store.segment;

import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The ordered, contiguous segments of one log in one directory. Readers find segments without locks: the list
 * is a copy-on-write array published through a volatile field. Changes (roll, delete the oldest, truncate)
 * come from one owner at a time; the owner serialises them.
 */
public final class SegmentList implements AutoCloseable {

    private final Path dir;
    private final int segmentSize;
    private volatile Segment[] segments;

    private SegmentList(Path dir, int segmentSize, Segment[] segments) {
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.segments = segments;
    }

    /**
     * Maps the segment files already in {@code dir} (creating the directory if needed). Earlier segments keep
     * the size they were written with; the last one is grown to {@code segmentSize} if a crash left it short.
     */
    public static SegmentList open(Path dir, int segmentSize) {
        try {
            Files.createDirectories(dir);
            List<Long> bases = listBases(dir);
            Segment[] loaded = new Segment[bases.size()];
            for (int i = 0; i < loaded.length; i++) {
                long base = bases.get(i);
                Path file = dir.resolve(SegmentNames.nameOf(base));
                boolean last = i == loaded.length - 1;
                int size = last ? Math.max(segmentSize, (int) Files.size(file)) : (int) Files.size(file);
                if (i > 0 && loaded[i - 1].endOffset() != base) {
                    closeAll(loaded, i);
                    throw new StoreException(StoreErrorCode.CORRUPT_RECORD, "segments in " + dir
                            + " are not contiguous: " + loaded[i - 1] + " is followed by base " + base);
                }
                loaded[i] = Segment.open(file, base, size);
            }
            return new SegmentList(dir, segmentSize, loaded);
        } catch (IOException e) {
            throw Segment.ioFailure("open segments in " + dir, e);
        }
    }

    private static List<Long> listBases(Path dir) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                OptionalLong base = SegmentNames.parse(file.getFileName().toString());
                if (base.isPresent() && Files.isRegularFile(file)) {
                    bases.add(base.getAsLong());
                }
            }
        }
        bases.sort(Long::compare);
        return bases;
    }

    private static void closeAll(Segment[] segments, int count) {
        for (int i = 0; i < count; i++) {
            segments[i].close();
        }
    }

    public Path dir() {
        return dir;
    }

    public int segmentSize() {
        return segmentSize;
    }

    public boolean isEmpty() {
        return segments.length == 0;
    }

    public int count() {
        return segments.length;
    }

    /** The segments, oldest first, as of now. */
    public List<Segment> snapshot() {
        return List.of(segments);
    }

    public Segment first() {
        Segment[] current = segments;
        return current.length == 0 ? null : current[0];
    }

    public Segment last() {
        Segment[] current = segments;
        return current.length == 0 ? null : current[current.length - 1];
    }

    /** The first offset still held, or {@code fallback} if there are no segments. */
    public long minOffset(long fallback) {
        Segment first = first();
        return first == null ? fallback : first.baseOffset();
    }

    /** The segment holding {@code offset}, or null. */
    public Segment find(long offset) {
        Segment[] current = segments;
        int low = 0;
        int high = current.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Segment segment = current[mid];
            if (offset < segment.baseOffset()) {
                high = mid - 1;
            } else if (offset >= segment.endOffset()) {
                low = mid + 1;
            } else {
                return segment;
            }
        }
        return null;
    }

    /**
     * The segment holding {@code offset} with a reference taken for the caller, who must release it; null if no
     * segment holds the offset (never written, or already deleted).
     */
    public Segment retain(long offset) {
        while (true) {
            Segment segment = find(offset);
            if (segment == null) {
                return null;
            }
            if (segment.retain()) {
                return segment;
            }
            // Deleted between find and retain: look again, the list no longer has it.
            if (find(offset) == segment) {
                return null;
            }
        }
    }

    /** Creates the segment that starts at {@code baseOffset}, without adding it to the list. */
    public Segment createDetached(long baseOffset) {
        return Segment.create(dir, baseOffset, segmentSize);
    }

    /** Appends a segment that must begin where the last one ends (any offset if the list is empty). */
    public synchronized void add(Segment segment) {
        Segment last = last();
        if (last != null && last.endOffset() != segment.baseOffset()) {
            throw new IllegalStateException("segment " + segment + " does not follow " + last);
        }
        Segment[] next = Arrays.copyOf(segments, segments.length + 1);
        next[next.length - 1] = segment;
        segments = next;
    }

    /** Creates and adds the segment following the last, or one at {@code baseIfEmpty} for an empty list. */
    public synchronized Segment roll(long baseIfEmpty) {
        Segment last = last();
        Segment segment = createDetached(last == null ? baseIfEmpty : last.endOffset());
        add(segment);
        return segment;
    }

    /** Removes the oldest segment from the list and deletes its file once no reader holds it. */
    public synchronized void deleteFirst() {
        Segment[] current = segments;
        if (current.length == 0) {
            return;
        }
        segments = Arrays.copyOfRange(current, 1, current.length);
        current[0].destroy();
    }

    /** Deletes every segment that begins at or after {@code offset}. */
    public synchronized int deleteFrom(long offset) {
        Segment[] current = segments;
        int keep = 0;
        while (keep < current.length && current[keep].baseOffset() < offset) {
            keep++;
        }
        segments = Arrays.copyOf(current, keep);
        for (int i = keep; i < current.length; i++) {
            current[i].destroy();
        }
        return current.length - keep;
    }

    /** Deletes every segment and the directory itself. */
    public synchronized void deleteAll() {
        deleteFrom(Long.MIN_VALUE);
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw Segment.ioFailure("delete directory " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        Segment[] current = segments;
        segments = new Segment[0];
        for (Segment segment : current) {
            segment.close();
        }
    }
}
