package io.couriermq.ha.wire;

import io.couriermq.ha.HandshakeStatus;

/**
 * The layout of replication frames: the only class that knows where a field sits, what a type or status byte
 * means, and how large a frame may be. {@link FrameEncoder} and {@link FrameDecoder} use it; nothing else indexes
 * into a frame.
 *
 * <p>A slave opens a TCP connection and sends HANDSHAKE; the master answers HANDSHAKE_REPLY and, if the status is
 * OK, streams DATA frames from the slave's received offset. The slave answers with ACK frames, after it appended
 * what it read and at least every heartbeat interval. The master sends HEARTBEAT when it has sent nothing for a
 * heartbeat interval, so that each side can tell a quiet peer from a dead one. Every other status closes the
 * connection after the reply.
 *
 * <p>Every frame, all integers big-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |        Frame length: bytes after this field, 2 or more       |
 *  +---------------+---------------+-------------------------------+
 *  |    Version    |     Type      |           Body ...            |
 *  +---------------+---------------+-------------------------------+
 * </pre>
 * The version byte is the protocol version, checked on every frame; on a HANDSHAKE it is the version the slave
 * speaks, and a master that speaks another answers UNSUPPORTED_VERSION.
 *
 * <p>Bodies by type:
 * <pre>
 *  HANDSHAKE (1), slave to master:
 *  +-------------------------------+-------------------------------+
 *  |   Slave id length (int16)     |  Slave id, UTF-8, 1..255 B ...
 *  +-------------------------------+-------------------------------+
 *  |                   Received offset (int64)                     |
 *  +---------------------------------------------------------------+
 *  |                   End offset (int64)                          |
 *  +---------------------------------------------------------------+
 *  |                   Checksum from (int64)                       |
 *  +---------------------------------------------------------------+
 *  |                   Checksum (int32): CRC32C of [from, end)     |
 *  +---------------------------------------------------------------+
 *
 *  HANDSHAKE_REPLY (2), master to slave:
 *  +---------------+
 *  | Status (int8) |
 *  +---------------+-----------------------------------------------+
 *  |                   Master start offset (int64)                 |
 *  +---------------------------------------------------------------+
 *  |                   Master end offset (int64)                   |
 *  +---------------------------------------------------------------+
 *
 *  DATA (3), master to slave: log bytes exactly as the master holds them at the offset; they may end mid-record
 *  but never cross a segment end.
 *  +---------------------------------------------------------------+
 *  |                   Log offset (int64)                          |
 *  +---------------------------------------------------------------+
 *  |   Byte count (int32), 1..MAX_DATA_LENGTH                      |
 *  +---------------------------------------------------------------+
 *  |   Log bytes ...
 *  +---------------------------------------------------------------+
 *
 *  ACK (4), slave to master:
 *  +---------------------------------------------------------------+
 *  |                   Slave end offset (int64)                    |
 *  +---------------------------------------------------------------+
 *  |                   Slave flushed offset (int64)                |
 *  +---------------------------------------------------------------+
 *
 *  HEARTBEAT (5), either way: empty body.
 * </pre>
 * Status bytes: 0 OK, 1 SLAVE_BEHIND_RETENTION, 2 SLAVE_AHEAD, 3 DIVERGED, 4 UNSUPPORTED_VERSION.
 *
 * <p>A receiver closes the connection on a frame longer than it accepts ({@link #MAX_FRAME_LENGTH} from a master,
 * {@link #MAX_CONTROL_FRAME_LENGTH} from a slave), on an unknown type, and on a body whose length does not match
 * its type.
 */
public final class FrameDescriptor {

    public static final byte PROTOCOL_VERSION = 1;

    public static final byte TYPE_HANDSHAKE = 1;
    public static final byte TYPE_HANDSHAKE_REPLY = 2;
    public static final byte TYPE_DATA = 3;
    public static final byte TYPE_ACK = 4;
    public static final byte TYPE_HEARTBEAT = 5;

    /** The frame length field, which counts the bytes after it. */
    public static final int LENGTH_FIELD_LENGTH = Integer.BYTES;
    static final int LENGTH_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int TYPE_OFFSET = 5;
    /** Length field, version and type: the bytes before every body. */
    public static final int HEADER_LENGTH = 6;
    static final int BODY_OFFSET = HEADER_LENGTH;
    /** The smallest value of the length field: version and type, no body. */
    static final int MIN_FRAME_LENGTH = HEADER_LENGTH - LENGTH_FIELD_LENGTH;

    public static final int MAX_SLAVE_ID_LENGTH = 255;
    static final int HANDSHAKE_ID_LENGTH_OFFSET = BODY_OFFSET;
    static final int HANDSHAKE_ID_OFFSET = HANDSHAKE_ID_LENGTH_OFFSET + Short.BYTES;
    /** The fixed fields after the slave id: three offsets and a checksum. */
    static final int HANDSHAKE_FIXED_TAIL_LENGTH = 3 * Long.BYTES + Integer.BYTES;

    static final int REPLY_STATUS_OFFSET = BODY_OFFSET;
    static final int REPLY_START_OFFSET = REPLY_STATUS_OFFSET + 1;
    static final int REPLY_END_OFFSET = REPLY_START_OFFSET + Long.BYTES;
    static final int REPLY_FRAME_END = REPLY_END_OFFSET + Long.BYTES;

    static final int DATA_LOG_OFFSET = BODY_OFFSET;
    static final int DATA_COUNT_OFFSET = DATA_LOG_OFFSET + Long.BYTES;
    static final int DATA_BYTES_OFFSET = DATA_COUNT_OFFSET + Integer.BYTES;
    /** Header and fixed DATA fields: the bytes before the log bytes of a DATA frame. */
    public static final int DATA_HEADER_LENGTH = DATA_BYTES_OFFSET;

    static final int ACK_END_OFFSET = BODY_OFFSET;
    static final int ACK_FLUSHED_OFFSET = ACK_END_OFFSET + Long.BYTES;
    static final int ACK_FRAME_END = ACK_FLUSHED_OFFSET + Long.BYTES;

    /** The most log bytes in one DATA frame, which bounds the buffer a slave reads into. */
    public static final int MAX_DATA_LENGTH = 1024 * 1024;
    /** The largest frame (length field value) a slave accepts: a full DATA frame. */
    public static final int MAX_FRAME_LENGTH = DATA_HEADER_LENGTH + MAX_DATA_LENGTH - LENGTH_FIELD_LENGTH;
    /** The largest frame a master accepts: slaves send only handshakes, acks and heartbeats. */
    public static final int MAX_CONTROL_FRAME_LENGTH = 512;
    /** The largest HANDSHAKE_REPLY, ACK or HEARTBEAT frame, length field included, for sizing send buffers. */
    public static final int MAX_SMALL_FRAME_BYTES = Math.max(REPLY_FRAME_END, ACK_FRAME_END);

    private FrameDescriptor() {
    }

    /** Where the received offset of a HANDSHAKE whose slave id has {@code idLength} bytes starts. */
    static int handshakeReceivedOffset(int idLength) {
        return HANDSHAKE_ID_OFFSET + idLength;
    }

    static int handshakeEndOffset(int idLength) {
        return handshakeReceivedOffset(idLength) + Long.BYTES;
    }

    static int handshakeChecksumFromOffset(int idLength) {
        return handshakeEndOffset(idLength) + Long.BYTES;
    }

    static int handshakeChecksumOffset(int idLength) {
        return handshakeChecksumFromOffset(idLength) + Long.BYTES;
    }

    /** The total bytes of a HANDSHAKE frame, length field included. */
    static int handshakeFrameLength(int idLength) {
        return HANDSHAKE_ID_OFFSET + idLength + HANDSHAKE_FIXED_TAIL_LENGTH;
    }

    static byte statusCode(HandshakeStatus status) {
        return switch (status) {
            case OK -> 0;
            case SLAVE_BEHIND_RETENTION -> 1;
            case SLAVE_AHEAD -> 2;
            case DIVERGED -> 3;
            case UNSUPPORTED_VERSION -> 4;
        };
    }

    static HandshakeStatus status(byte code) throws ProtocolException {
        return switch (code) {
            case 0 -> HandshakeStatus.OK;
            case 1 -> HandshakeStatus.SLAVE_BEHIND_RETENTION;
            case 2 -> HandshakeStatus.SLAVE_AHEAD;
            case 3 -> HandshakeStatus.DIVERGED;
            case 4 -> HandshakeStatus.UNSUPPORTED_VERSION;
            default -> throw new ProtocolException("unknown handshake status " + code);
        };
    }

    static String typeName(byte type) {
        return switch (type) {
            case TYPE_HANDSHAKE -> "HANDSHAKE";
            case TYPE_HANDSHAKE_REPLY -> "HANDSHAKE_REPLY";
            case TYPE_DATA -> "DATA";
            case TYPE_ACK -> "ACK";
            case TYPE_HEARTBEAT -> "HEARTBEAT";
            default -> "unknown type " + type;
        };
    }
}
