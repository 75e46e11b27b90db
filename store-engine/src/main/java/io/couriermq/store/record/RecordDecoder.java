package io.couriermq.store.record;

import io.couriermq.store.MessageProperties;
import io.couriermq.store.StoredMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import static io.couriermq.store.record.RecordDescriptor.*;

/** Reads records in the {@link RecordDescriptor} layout. Stateless; callers pass their own CRC instance. */
public final class RecordDecoder {

    private RecordDecoder() {
    }

    /**
     * Classifies the bytes at {@code position}, which must be where a record would start, reading no further
     * than {@code limit}. A record passes only if its length fits, its magic matches, it names
     * {@code physicalOffset} as its own position, its fields add up to its length and its CRC matches.
     */
    public static RecordCheck check(ByteBuffer log, int position, int limit, long physicalOffset, CRC32C crc) {
        int remaining = limit - position;
        if (remaining == 0) {
            return RecordCheck.endOfSegment(0);
        }
        if (remaining < END_OF_SEGMENT_MARKER_LENGTH) {
            return RecordCheck.corrupt("only " + remaining + " bytes left in the segment at " + physicalOffset);
        }
        int length = log.getInt(position + LENGTH_OFFSET);
        int magic = log.getInt(position + MAGIC_OFFSET);
        if (length == 0 && magic == 0) {
            return RecordCheck.endOfData();
        }
        if (magic == END_OF_SEGMENT_MAGIC) {
            return length == remaining ? RecordCheck.endOfSegment(length)
                    : RecordCheck.corrupt("end-of-segment marker of length " + length + " at " + physicalOffset
                    + " does not reach the segment end (" + remaining + " bytes left)");
        }
        if (magic != RECORD_MAGIC) {
            return RecordCheck.corrupt("bad magic 0x" + Integer.toHexString(magic) + " at " + physicalOffset);
        }
        if (length < MIN_RECORD_LENGTH || length > remaining - END_OF_SEGMENT_MARKER_LENGTH) {
            return RecordCheck.corrupt("record length " + length + " out of bounds at " + physicalOffset
                    + " (" + remaining + " bytes left)");
        }
        long storedOffset = log.getLong(position + PHYSICAL_OFFSET_OFFSET);
        if (storedOffset != physicalOffset) {
            return RecordCheck.corrupt("record at " + physicalOffset + " claims offset " + storedOffset);
        }
        String layoutProblem = checkLayout(log, position, length);
        if (layoutProblem != null) {
            return RecordCheck.corrupt(layoutProblem + " at " + physicalOffset);
        }
        int expectedCrc = log.getInt(position + CRC_OFFSET);
        int actualCrc = RecordEncoder.crcOf(log, position, length, crc);
        if (expectedCrc != actualCrc) {
            return RecordCheck.corrupt("CRC mismatch at " + physicalOffset + ": stored 0x"
                    + Integer.toHexString(expectedCrc) + ", computed 0x" + Integer.toHexString(actualCrc));
        }
        return RecordCheck.record(length);
    }

    /**
     * Classifies the bytes at {@code position} by length and magic alone, for readers that follow the log below
     * its written position, where records were validated when recovered or just written.
     */
    public static RecordCheck.Kind peekKind(ByteBuffer log, int position, int limit) {
        if (limit - position < END_OF_SEGMENT_MARKER_LENGTH) {
            return RecordCheck.Kind.END_OF_SEGMENT;
        }
        return switch (log.getInt(position + MAGIC_OFFSET)) {
            case RECORD_MAGIC -> RecordCheck.Kind.RECORD;
            case END_OF_SEGMENT_MAGIC -> RecordCheck.Kind.END_OF_SEGMENT;
            case 0 -> RecordCheck.Kind.END_OF_DATA;
            default -> RecordCheck.Kind.CORRUPT;
        };
    }

    private static String checkLayout(ByteBuffer log, int position, int length) {
        int topicLength = Short.toUnsignedInt(log.getShort(position + TOPIC_LENGTH_OFFSET));
        if (propertiesLengthOffset(topicLength) + 4 > length) {
            return "topic length " + topicLength + " overruns record length " + length;
        }
        int propertiesLength = log.getInt(position + propertiesLengthOffset(topicLength));
        // In long arithmetic: a damaged length near Integer.MAX_VALUE must not wrap around into bounds.
        if (propertiesLength < 0 || (long) propertiesLengthOffset(topicLength) + 4 + propertiesLength + 4 > length) {
            return "properties length " + propertiesLength + " overruns record length " + length;
        }
        int bodyLength = log.getInt(position + bodyLengthOffset(topicLength, propertiesLength));
        if (recordLength(topicLength, propertiesLength, bodyLength) != length) {
            return "field lengths do not add up to record length " + length;
        }
        return null;
    }

    /** Decodes the complete record at {@code position}, which must have passed {@link #check}. */
    public static StoredMessage decode(ByteBuffer log, int position) {
        int length = log.getInt(position + LENGTH_OFFSET);
        int topicLength = Short.toUnsignedInt(log.getShort(position + TOPIC_LENGTH_OFFSET));
        int propertiesLengthAt = position + propertiesLengthOffset(topicLength);
        int propertiesLength = log.getInt(propertiesLengthAt);
        int bodyLengthAt = position + bodyLengthOffset(topicLength, propertiesLength);
        byte[] body = new byte[log.getInt(bodyLengthAt)];
        log.get(bodyLengthAt + 4, body);
        return new StoredMessage(
                log.getLong(position + PHYSICAL_OFFSET_OFFSET),
                length,
                PropertyCodec.string(log, position + TOPIC_OFFSET, topicLength),
                log.getInt(position + QUEUE_ID_OFFSET),
                log.getLong(position + QUEUE_OFFSET_OFFSET),
                log.getInt(position + FLAGS_OFFSET),
                log.getLong(position + BORN_TIMESTAMP_OFFSET),
                log.getLong(position + STORE_TIMESTAMP_OFFSET),
                HostCodec.read(log, position + BORN_HOST_OFFSET),
                HostCodec.read(log, position + STORE_HOST_OFFSET),
                PropertyCodec.decode(log, propertiesLengthAt + 4, propertiesLength),
                body);
    }

    private static final byte[] MESSAGE_ID_KEY = MessageProperties.MESSAGE_ID.getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEYS_KEY = MessageProperties.KEYS.getBytes(StandardCharsets.UTF_8);

    /** Decodes what derived stores need to index the record at {@code position}, without copying the body. */
    public static LogEntry decodeEntry(ByteBuffer log, int position) {
        int topicLength = Short.toUnsignedInt(log.getShort(position + TOPIC_LENGTH_OFFSET));
        int propertiesLengthAt = position + propertiesLengthOffset(topicLength);
        int propertiesLength = log.getInt(propertiesLengthAt);
        return new LogEntry(
                log.getLong(position + PHYSICAL_OFFSET_OFFSET),
                log.getInt(position + LENGTH_OFFSET),
                PropertyCodec.string(log, position + TOPIC_OFFSET, topicLength),
                log.getInt(position + QUEUE_ID_OFFSET),
                log.getLong(position + QUEUE_OFFSET_OFFSET),
                log.getLong(position + TAG_HASH_OFFSET),
                log.getLong(position + STORE_TIMESTAMP_OFFSET),
                PropertyCodec.find(log, propertiesLengthAt + 4, propertiesLength, MESSAGE_ID_KEY),
                PropertyCodec.find(log, propertiesLengthAt + 4, propertiesLength, KEYS_KEY));
    }

    /** The store timestamp of the record at {@code position}, for time-based lookups that need nothing else. */
    public static long storeTimestamp(ByteBuffer log, int position) {
        return log.getLong(position + STORE_TIMESTAMP_OFFSET);
    }
}
