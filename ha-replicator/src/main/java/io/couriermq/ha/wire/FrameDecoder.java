package io.couriermq.ha.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.couriermq.ha.wire.FrameDescriptor.*;

/** Decodes one complete frame and hands it to a {@link FrameHandler}; checks that its body fits its type. */
final class FrameDecoder {

    private FrameDecoder() {
    }

    /**
     * @param buffer holds the frame, length field included, at {@code [start, start + frameBytes)}
     */
    static void decode(ByteBuffer buffer, int start, int frameBytes, FrameHandler handler) throws IOException {
        byte version = buffer.get(start + VERSION_OFFSET);
        if (version != PROTOCOL_VERSION) {
            handler.onUnsupportedVersion(version);
            return;
        }
        byte type = buffer.get(start + TYPE_OFFSET);
        switch (type) {
            case TYPE_HANDSHAKE -> handler.onHandshake(handshake(buffer, start, frameBytes));
            case TYPE_HANDSHAKE_REPLY -> {
                expectLength(type, frameBytes, REPLY_FRAME_END);
                handler.onHandshakeReply(new HandshakeReply(status(buffer.get(start + REPLY_STATUS_OFFSET)),
                        buffer.getLong(start + REPLY_START_OFFSET), buffer.getLong(start + REPLY_END_OFFSET)));
            }
            case TYPE_DATA -> data(buffer, start, frameBytes, handler);
            case TYPE_ACK -> {
                expectLength(type, frameBytes, ACK_FRAME_END);
                handler.onAck(buffer.getLong(start + ACK_END_OFFSET), buffer.getLong(start + ACK_FLUSHED_OFFSET));
            }
            case TYPE_HEARTBEAT -> {
                expectLength(type, frameBytes, HEADER_LENGTH);
                handler.onHeartbeat();
            }
            default -> throw new ProtocolException("unknown frame type " + type);
        }
    }

    private static Handshake handshake(ByteBuffer buffer, int start, int frameBytes) throws ProtocolException {
        if (frameBytes < HANDSHAKE_ID_OFFSET) {
            throw new ProtocolException("HANDSHAKE frame of " + frameBytes + " bytes is shorter than its header");
        }
        int idLength = buffer.getShort(start + HANDSHAKE_ID_LENGTH_OFFSET);
        if (idLength < 1 || idLength > MAX_SLAVE_ID_LENGTH) {
            throw new ProtocolException("slave id length " + idLength + " outside [1, " + MAX_SLAVE_ID_LENGTH + "]");
        }
        expectLength(TYPE_HANDSHAKE, frameBytes, handshakeFrameLength(idLength));
        byte[] id = new byte[idLength];
        buffer.get(start + HANDSHAKE_ID_OFFSET, id);
        try {
            return new Handshake(new String(id, StandardCharsets.UTF_8),
                    buffer.getLong(start + handshakeReceivedOffset(idLength)),
                    buffer.getLong(start + handshakeEndOffset(idLength)),
                    buffer.getLong(start + handshakeChecksumFromOffset(idLength)),
                    buffer.getInt(start + handshakeChecksumOffset(idLength)));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad HANDSHAKE: " + e.getMessage());
        }
    }

    private static void data(ByteBuffer buffer, int start, int frameBytes, FrameHandler handler)
            throws IOException {
        if (frameBytes < DATA_BYTES_OFFSET) {
            throw new ProtocolException("DATA frame of " + frameBytes + " bytes is shorter than its header");
        }
        long offset = buffer.getLong(start + DATA_LOG_OFFSET);
        int count = buffer.getInt(start + DATA_COUNT_OFFSET);
        if (count < 1 || count > MAX_DATA_LENGTH || offset < 0) {
            throw new ProtocolException("DATA frame with offset " + offset + " and byte count " + count
                    + " (allowed 1 to " + MAX_DATA_LENGTH + ")");
        }
        expectLength(TYPE_DATA, frameBytes, DATA_BYTES_OFFSET + count);
        handler.onData(offset, buffer.slice(start + DATA_BYTES_OFFSET, count).asReadOnlyBuffer());
    }

    private static void expectLength(byte type, int actual, int expected) throws ProtocolException {
        if (actual != expected) {
            throw new ProtocolException(typeName(type) + " frame of " + actual + " bytes, expected " + expected);
        }
    }
}
