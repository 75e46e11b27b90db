package io.couriermq.ha.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.couriermq.ha.wire.FrameDescriptor.*;

/**
 * Writes frames into a buffer at its position and advances the position past them. The caller makes sure the
 * buffer has room: {@link FrameDescriptor#MAX_SMALL_FRAME_BYTES} for a reply, an ack or a heartbeat.
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    public static void handshake(ByteBuffer out, Handshake handshake) {
        byte[] id = handshake.slaveId().getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_SLAVE_ID_LENGTH) {
            throw new IllegalArgumentException("slave id must have 1 to " + MAX_SLAVE_ID_LENGTH + " UTF-8 bytes, had "
                    + id.length);
        }
        int start = header(out, TYPE_HANDSHAKE, handshakeFrameLength(id.length));
        out.putShort(start + HANDSHAKE_ID_LENGTH_OFFSET, (short) id.length);
        out.put(start + HANDSHAKE_ID_OFFSET, id);
        out.putLong(start + handshakeReceivedOffset(id.length), handshake.receivedOffset());
        out.putLong(start + handshakeEndOffset(id.length), handshake.endOffset());
        out.putLong(start + handshakeChecksumFromOffset(id.length), handshake.checksumFrom());
        out.putInt(start + handshakeChecksumOffset(id.length), handshake.checksum());
    }

    public static void handshakeReply(ByteBuffer out, HandshakeReply reply) {
        int start = header(out, TYPE_HANDSHAKE_REPLY, REPLY_FRAME_END);
        out.put(start + REPLY_STATUS_OFFSET, statusCode(reply.status()));
        out.putLong(start + REPLY_START_OFFSET, reply.startOffset());
        out.putLong(start + REPLY_END_OFFSET, reply.endOffset());
    }

    public static void ack(ByteBuffer out, long endOffset, long flushedOffset) {
        int start = header(out, TYPE_ACK, ACK_FRAME_END);
        out.putLong(start + ACK_END_OFFSET, endOffset);
        out.putLong(start + ACK_FLUSHED_OFFSET, flushedOffset);
    }

    public static void heartbeat(ByteBuffer out) {
        header(out, TYPE_HEARTBEAT, HEADER_LENGTH);
    }

    /**
     * Starts a DATA frame for log bytes at {@code logOffset}: writes its header and leaves the position where the
     * bytes go. The caller copies the bytes in and then calls {@link #endData}.
     *
     * @return where the frame starts, for {@link #endData}
     */
    public static int beginData(ByteBuffer out, long logOffset) {
        int start = out.position();
        out.put(start + VERSION_OFFSET, PROTOCOL_VERSION);
        out.put(start + TYPE_OFFSET, TYPE_DATA);
        out.putLong(start + DATA_LOG_OFFSET, logOffset);
        out.position(start + DATA_BYTES_OFFSET);
        return start;
    }

    /** Completes the DATA frame begun at {@code frameStart}: its bytes end at the buffer's position. */
    public static void endData(ByteBuffer out, int frameStart) {
        int count = out.position() - frameStart - DATA_BYTES_OFFSET;
        if (count <= 0 || count > MAX_DATA_LENGTH) {
            throw new IllegalStateException("a DATA frame carries 1 to " + MAX_DATA_LENGTH + " bytes, had " + count);
        }
        out.putInt(frameStart + LENGTH_OFFSET, out.position() - frameStart - LENGTH_FIELD_LENGTH);
        out.putInt(frameStart + DATA_COUNT_OFFSET, count);
    }

    /** Writes the length, version and type of a frame of {@code frameBytes} in all; returns where it starts. */
    private static int header(ByteBuffer out, byte type, int frameBytes) {
        int start = out.position();
        if (out.remaining() < frameBytes) {
            throw new BufferOverflowException();
        }
        out.putInt(start + LENGTH_OFFSET, frameBytes - LENGTH_FIELD_LENGTH);
        out.put(start + VERSION_OFFSET, PROTOCOL_VERSION);
        out.put(start + TYPE_OFFSET, type);
        out.position(start + frameBytes);
        return start;
    }
}
