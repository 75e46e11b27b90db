package io.couriermq.ha;

import io.couriermq.ha.wire.FrameDescriptor;
import io.couriermq.ha.wire.FrameEncoder;
import io.couriermq.ha.wire.FrameHandler;
import io.couriermq.ha.wire.FrameReader;
import io.couriermq.ha.wire.Handshake;
import io.couriermq.ha.wire.HandshakeReply;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Strictly for testing: a slave that handshakes as an empty log and then never reads or acknowledges again, as a
 * slave stuck in a long pause looks to the master.
 */
final class SilentSlave implements AutoCloseable {

    private final SocketChannel channel;
    private final HandshakeReply reply;

    private SilentSlave(SocketChannel channel, HandshakeReply reply) {
        this.channel = channel;
        this.reply = reply;
    }

    static SilentSlave connect(InetSocketAddress master) throws IOException {
        SocketChannel channel = SocketChannel.open(master);
        try {
            ByteBuffer out = ByteBuffer.allocate(512);
            FrameEncoder.handshake(out, new Handshake("silent", 0, 0, 0, 0));
            out.flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            HandshakeReply[] reply = new HandshakeReply[1];
            FrameReader reader = new FrameReader(FrameDescriptor.MAX_FRAME_LENGTH);
            FrameHandler handler = new FrameHandler() {
                @Override
                public void onHandshakeReply(HandshakeReply r) {
                    reply[0] = r;
                }

                @Override
                public void onData(long offset, ByteBuffer bytes) {
                }
            };
            while (reply[0] == null) {
                if (reader.readFrom(channel) < 0) {
                    throw new EOFException("master closed the connection before replying");
                }
                reader.dispatch(handler);
            }
            return new SilentSlave(channel, reply[0]);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    HandshakeReply reply() {
        return reply;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
