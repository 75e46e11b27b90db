package io.couriermq.ha.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives decoded frames, on the thread that reads the connection. Each side implements the frames it expects;
 * the others break the protocol, which the defaults report. Any exception ends the connection.
 */
public interface FrameHandler {

    default void onHandshake(Handshake handshake) throws IOException {
        throw unexpected("HANDSHAKE");
    }

    default void onHandshakeReply(HandshakeReply reply) throws IOException {
        throw unexpected("HANDSHAKE_REPLY");
    }

    /**
     * Log bytes the master holds at {@code offset}.
     *
     * @param bytes valid only during the call: the buffer is reused for the next frames
     */
    default void onData(long offset, ByteBuffer bytes) throws IOException {
        throw unexpected("DATA");
    }

    default void onAck(long endOffset, long flushedOffset) throws IOException {
        throw unexpected("ACK");
    }

    default void onHeartbeat() throws IOException {
    }

    /** A frame of another protocol version arrived; its body cannot be read. */
    default void onUnsupportedVersion(int version) throws IOException {
        throw new ProtocolException("peer speaks protocol version " + version + ", this side speaks "
                + FrameDescriptor.PROTOCOL_VERSION);
    }

    private static ProtocolException unexpected(String frame) {
        return new ProtocolException("unexpected " + frame + " frame");
    }
}
