package io.couriermq.store.recovery;

import io.couriermq.store.record.RecordCheck;
import io.couriermq.store.record.RecordDecoder;
import io.couriermq.store.segment.Segment;
import io.couriermq.store.segment.SegmentList;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The one recovery algorithm for the commit log: validate records from a start offset until the first one that
 * is not a complete, intact record; that offset is the end of the log. Whatever lies beyond (a torn record, a
 * damaged one, anything after it) is cut: zeroed in its segment, and later segments deleted. A clean shutdown
 * and the checkpoint only move the start offset; they never select a different procedure.
 *
 * <p>Runs before the log is opened for appends; not thread-safe.
 */
public final class LogRecovery {

    private static final int ZERO_CHUNK = 4096;

    private LogRecovery() {
    }

    /** The outcome of {@link #recover}; see {@link RecoveryReport} for the fields. */
    public record Result(long scanStartOffset, long validEnd, long recordsValidated, long truncatedAtOffset,
                         long discardedBytes, String problem, int segmentsDeleted) {
    }

    /**
     * Validates the log from {@code startOffset} (moved to the log's first offset if no segment holds it) and
     * cuts it at the end of the valid records.
     *
     * @param tailKnownClean true after a clean shutdown: nothing was ever written past the end (the writer writes
     *                       in order and the last recovery zeroed any leftovers), so the costly check of the rest
     *                       of the segment for stray bytes is skipped; validation itself is the same
     */
    public static Result recover(SegmentList segments, long startOffset, boolean tailKnownClean) {
        if (segments.isEmpty()) {
            return new Result(startOffset, startOffset, 0, -1, 0, null, 0);
        }
        long cursor = segments.find(startOffset) != null ? startOffset : segments.first().baseOffset();
        long scanStart = cursor;
        CRC32C crc = new CRC32C();
        long records = 0;
        String problem = null;
        while (true) {
            Segment segment = segments.find(cursor);
            if (segment == null) {
                break;
            }
            int at = (int) (cursor - segment.baseOffset());
            RecordCheck check = RecordDecoder.check(segment.buffer(), at, segment.size(), cursor, crc);
            if (check.kind() == RecordCheck.Kind.RECORD) {
                records++;
                cursor += check.length();
            } else if (check.kind() == RecordCheck.Kind.END_OF_SEGMENT) {
                cursor = segment.endOffset();
            } else {
                problem = check.problem();
                break;
            }
        }
        return truncate(segments, scanStart, cursor, records, problem, tailKnownClean && problem == null);
    }

    private static Result truncate(SegmentList segments, long scanStart, long validEnd, long records, String problem,
                                   boolean tailKnownClean) {
        Segment holding = segments.find(validEnd);
        long discarded = holding == null || tailKnownClean ? 0
                : zeroFrom(holding, (int) (validEnd - holding.baseOffset()));
        int deleted = segments.deleteFrom(holding == null ? validEnd : holding.endOffset());
        boolean cut = discarded > 0 || deleted > 0 || problem != null;
        return new Result(scanStart, validEnd, records, cut ? validEnd : -1, discarded, problem, deleted);
    }

    /**
     * Zeroes the segment from {@code at} to its end wherever it is not zero already, and returns the distance
     * from {@code at} to the last non-zero byte found. Writing only non-zero chunks keeps a sparse tail sparse.
     */
    private static long zeroFrom(Segment segment, int at) {
        ByteBuffer buffer = segment.buffer();
        long lastNonZero = -1;
        byte[] zeros = new byte[ZERO_CHUNK];
        for (int chunk = at; chunk < segment.size(); chunk += ZERO_CHUNK) {
            int length = Math.min(ZERO_CHUNK, segment.size() - chunk);
            int nonZero = lastNonZeroIn(buffer, chunk, length);
            if (nonZero >= 0) {
                lastNonZero = chunk + nonZero;
                buffer.put(chunk, zeros, 0, length);
            }
        }
        if (lastNonZero >= 0) {
            segment.force(at, segment.size());
        }
        return lastNonZero < 0 ? 0 : lastNonZero - at + 1;
    }

    private static int lastNonZeroIn(ByteBuffer buffer, int from, int length) {
        int end = length;
        while (end >= Long.BYTES && buffer.getLong(from + end - Long.BYTES) == 0) {
            end -= Long.BYTES;
        }
        for (int i = end - 1; i >= 0; i--) {
            if (buffer.get(from + i) != 0) {
                return i;
            }
        }
        return -1;
    }
}
