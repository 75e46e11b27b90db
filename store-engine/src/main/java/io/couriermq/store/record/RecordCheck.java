package io.couriermq.store.record;

/**
 * What lies at a position of the commit log, as found by {@link RecordDecoder#check}.
 *
 * @param kind    what was found
 * @param length  bytes it occupies (the record or the marker); 0 for end of data and corruption
 * @param problem why the bytes are corrupt, or null
 */
public record RecordCheck(Kind kind, int length, String problem) {

    public enum Kind {
        /** A complete record whose CRC matches. */
        RECORD,
        /** The end-of-segment marker: the next record starts in the next segment. */
        END_OF_SEGMENT,
        /** Zeroes: nothing was ever written here. */
        END_OF_DATA,
        /** Bytes that are neither: a torn or damaged record. */
        CORRUPT
    }

    static RecordCheck record(int length) {
        return new RecordCheck(Kind.RECORD, length, null);
    }

    static RecordCheck endOfSegment(int length) {
        return new RecordCheck(Kind.END_OF_SEGMENT, length, null);
    }

    static RecordCheck endOfData() {
        return new RecordCheck(Kind.END_OF_DATA, 0, null);
    }

    static RecordCheck corrupt(String problem) {
        return new RecordCheck(Kind.CORRUPT, 0, problem);
    }
}
