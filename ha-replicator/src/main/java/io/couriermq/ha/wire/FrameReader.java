package io.couriermq.ha.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reassembles frames from a non-blocking channel: {@link #readFrom} takes whatever bytes arrived, and
 * {@link #dispatch} hands every complete frame among them to a handler, keeping a partial one for the next read.
 * The buffer holds one largest accepted frame, so a frame is never split across two buffers; a length beyond
 * the bound is refused before any of its body is read.
 *
 * <p>Not thread-safe: one connection, one reading thread.
 */
public final class FrameReader {

    private final int maxFrameLength;
    /** In fill mode between calls: bytes received and not yet dispatched lie in {@code [0, position)}. */
    private final ByteBuffer buffer;

    /**
     * @param maxFrameLength the largest value of the frame length field accepted
     */
    public FrameReader(int maxFrameLength) {
        if (maxFrameLength < FrameDescriptor.MIN_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be at least " + FrameDescriptor.MIN_FRAME_LENGTH
                    + ", was " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.buffer = ByteBuffer.allocateDirect(FrameDescriptor.LENGTH_FIELD_LENGTH + maxFrameLength);
    }

    /** Drops whatever was received, for reuse on a new connection. */
    public void clear() {
        buffer.clear();
    }

    /** Reads what the channel has; returns the bytes read, or -1 at the end of the stream. */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        return channel.read(buffer);
    }

    /** Hands each complete frame received so far to {@code handler}, in order; returns how many. */
    public int dispatch(FrameHandler handler) throws IOException {
        buffer.flip();
        int frames = 0;
        try {
            while (buffer.remaining() >= FrameDescriptor.LENGTH_FIELD_LENGTH) {
                int start = buffer.position();
                int length = buffer.getInt(start);
                if (length < FrameDescriptor.MIN_FRAME_LENGTH || length > maxFrameLength) {
                    throw new ProtocolException("frame length " + length + " outside ["
                            + FrameDescriptor.MIN_FRAME_LENGTH + ", " + maxFrameLength + "]");
                }
                int frameBytes = FrameDescriptor.LENGTH_FIELD_LENGTH + length;
                if (buffer.remaining() < frameBytes) {
                    break;
                }
                buffer.position(start + frameBytes);
                FrameDecoder.decode(buffer, start, frameBytes, handler);
                frames++;
            }
        } finally {
            buffer.compact();
        }
        return frames;
    }
}
