package io.couriermq.store.record;

/**
 * The byte layout of a commit log record: the only class that knows field offsets. All integers are big-endian.
 *
 * <pre>
 *   0                   4                   8                   12
 *   +-------------------+-------------------+-------------------+
 *   |   total length    |       magic       |      CRC32C       |
 *   +-------------------+-------------------+-------------------+
 *  12 queue id (4) | 16 flags (4) | 20 queue offset (8) | 28 physical offset (8)
 *  36 born timestamp (8) | 44 store timestamp (8) | 52 tag hash (8)
 *  60 born host address (16, IPv4 mapped into IPv6) | 76 born host port (4)
 *  80 store host address (16)                       | 96 store host port (4)
 * 100 topic length (2) | topic (UTF-8)
 *     properties length (4) | properties (see {@link PropertyCodec})
 *     body length (4) | body
 * </pre>
 *
 * The CRC32C covers every byte after the CRC field, from the queue id to the end of the body, so a record torn
 * anywhere, header included, fails validation. A record never spans two segments: the rest of a segment that
 * cannot hold the next record is claimed by an end-of-segment marker, a length and {@link #END_OF_SEGMENT_MAGIC}
 * with no further fields. A length of zero marks the end of the written log.
 */
public final class RecordDescriptor {

    /** Identifies a record of this layout (version 1). */
    public static final int RECORD_MAGIC = 0xC0DE_0001;
    /** Identifies the marker that pads the end of a segment. */
    public static final int END_OF_SEGMENT_MAGIC = 0xC0DE_0EE0;

    public static final int LENGTH_OFFSET = 0;
    public static final int MAGIC_OFFSET = 4;
    public static final int CRC_OFFSET = 8;
    public static final int QUEUE_ID_OFFSET = 12;
    public static final int FLAGS_OFFSET = 16;
    public static final int QUEUE_OFFSET_OFFSET = 20;
    public static final int PHYSICAL_OFFSET_OFFSET = 28;
    public static final int BORN_TIMESTAMP_OFFSET = 36;
    public static final int STORE_TIMESTAMP_OFFSET = 44;
    public static final int TAG_HASH_OFFSET = 52;
    public static final int BORN_HOST_OFFSET = 60;
    public static final int STORE_HOST_OFFSET = 80;
    public static final int HOST_ADDRESS_LENGTH = 16;
    public static final int HOST_LENGTH = HOST_ADDRESS_LENGTH + 4;
    public static final int TOPIC_LENGTH_OFFSET = 100;
    public static final int TOPIC_OFFSET = 102;

    /** First byte the CRC covers. */
    public static final int CRC_START = QUEUE_ID_OFFSET;
    /** Length plus magic: what an end-of-segment marker needs, and so the least room a segment keeps free. */
    public static final int END_OF_SEGMENT_MARKER_LENGTH = 8;
    /** The smallest possible record: empty topic, properties and body. */
    public static final int MIN_RECORD_LENGTH = TOPIC_OFFSET + 4 + 4;

    private RecordDescriptor() {
    }

    public static int recordLength(int topicLength, int propertiesLength, int bodyLength) {
        return TOPIC_OFFSET + topicLength + 4 + propertiesLength + 4 + bodyLength;
    }

    /** Offset of the properties-length field within a record with a topic of this many bytes. */
    public static int propertiesLengthOffset(int topicLength) {
        return TOPIC_OFFSET + topicLength;
    }

    /** Offset of the body-length field within a record. */
    public static int bodyLengthOffset(int topicLength, int propertiesLength) {
        return propertiesLengthOffset(topicLength) + 4 + propertiesLength;
    }
}
