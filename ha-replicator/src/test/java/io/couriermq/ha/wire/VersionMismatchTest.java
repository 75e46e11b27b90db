package io.couriermq.ha.wire;

import io.couriermq.ha.HandshakeStatus;
import io.couriermq.ha.ReplicationConfig;
import io.couriermq.ha.ReplicationMaster;
import io.couriermq.store.ByteSize;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A slave of another protocol version gets UNSUPPORTED_VERSION from a real master, then the connection ends. */
@Timeout(60)
class VersionMismatchTest {

    @TempDir
    Path dir;

    @Test
    void aHandshakeOfAnotherVersionIsAnsweredAndTheConnectionClosed() throws IOException {
        StoreConfig storeConfig = StoreConfig.builder(dir).commitLogSegmentSize(ByteSize.ofKibibytes(64))
                .maxMessageSize(ByteSize.ofKibibytes(16)).maxPropertiesSize(ByteSize.ofKibibytes(4)).build();
        ReplicationConfig config = ReplicationConfig.builder().listenAddress(new InetSocketAddress("127.0.0.1", 0))
                .build();
        try (MessageStore store = MessageStore.open(storeConfig);
             ReplicationMaster master = ReplicationMaster.start(store.replicationLog(), config);
             SocketChannel channel = SocketChannel.open(master.localAddress())) {
            ByteBuffer out = ByteBuffer.allocate(512);
            FrameEncoder.handshake(out, new Handshake("future-slave", 0, 0, 0, 0));
            out.put(FrameDescriptor.VERSION_OFFSET, (byte) 2).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            HandshakeReply[] reply = new HandshakeReply[1];
            FrameReader reader = new FrameReader(FrameDescriptor.MAX_FRAME_LENGTH);
            while (reader.readFrom(channel) >= 0) {
                reader.dispatch(new FrameHandler() {
                    @Override
                    public void onHandshakeReply(HandshakeReply r) {
                        reply[0] = r;
                    }
                });
            }
            assertThat(reply[0]).isNotNull();
            assertThat(reply[0].status()).isEqualTo(HandshakeStatus.UNSUPPORTED_VERSION);
            assertThat(master.status().slaves()).isEmpty();
        }
    }
}
