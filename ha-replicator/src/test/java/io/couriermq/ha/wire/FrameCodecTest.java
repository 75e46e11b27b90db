package io.couriermq.ha.wire;

import io.couriermq.ha.HandshakeStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frames survive any split into reads, and frames that break the protocol are refused with their values. */
class FrameCodecTest {

    @Test
    void everyFrameRoundTripsWhateverTheReadSizes() throws IOException {
        ByteBuffer stream = ByteBuffer.allocate(4096);
        FrameEncoder.handshake(stream, new Handshake("broker-a:1 ü", 9000, 8000, 4000, 0xCAFEBABE));
        FrameEncoder.handshakeReply(stream, new HandshakeReply(HandshakeStatus.DIVERGED, 100, 9001));
        int data = FrameEncoder.beginData(stream, 8000);
        stream.put("log bytes".getBytes(StandardCharsets.UTF_8));
        FrameEncoder.endData(stream, data);
        FrameEncoder.ack(stream, 8009, 7000);
        FrameEncoder.heartbeat(stream);
        stream.flip();

        for (int readSize : new int[] {1, 3, 7, 64, 4096}) {
            Recorder recorder = new Recorder();
            FrameReader reader = new FrameReader(FrameDescriptor.MAX_FRAME_LENGTH);
            ChunkedChannel channel = new ChunkedChannel(stream.duplicate(), readSize);
            while (reader.readFrom(channel) >= 0) {
                reader.dispatch(recorder);
            }
            assertThat(recorder.frames).as("read size %d", readSize).containsExactly(
                    "HANDSHAKE Handshake[slaveId=broker-a:1 ü, receivedOffset=9000, endOffset=8000, checksumFrom=4000,"
                            + " checksum=-889275714]",
                    "REPLY HandshakeReply[status=DIVERGED, startOffset=100, endOffset=9001]",
                    "DATA 8000 log bytes",
                    "ACK 8009 7000",
                    "HEARTBEAT");
        }
    }

    @Test
    void aFrameLongerThanTheBoundIsRefusedBeforeItsBodyArrives() {
        ByteBuffer stream = ByteBuffer.allocate(64);
        stream.putInt(FrameDescriptor.MAX_CONTROL_FRAME_LENGTH + 1).put(FrameDescriptor.PROTOCOL_VERSION)
                .put(FrameDescriptor.TYPE_ACK).flip();
        FrameReader reader = new FrameReader(FrameDescriptor.MAX_CONTROL_FRAME_LENGTH);

        assertThatThrownBy(() -> feed(reader, stream, new Recorder())).isInstanceOf(ProtocolException.class)
                .hasMessage("frame length 513 outside [2, 512]");
    }

    @Test
    void aBodyThatDoesNotFitItsTypeIsRefused() {
        ByteBuffer stream = ByteBuffer.allocate(64);
        stream.putInt(2 + 8).put(FrameDescriptor.PROTOCOL_VERSION).put(FrameDescriptor.TYPE_ACK).putLong(1).flip();

        assertThatThrownBy(() -> feed(new FrameReader(512), stream, new Recorder()))
                .isInstanceOf(ProtocolException.class).hasMessage("ACK frame of 14 bytes, expected 22");
    }

    @Test
    void aDataFrameWhoseCountDisagreesWithItsLengthIsRefused() {
        ByteBuffer stream = ByteBuffer.allocate(64);
        int start = FrameEncoder.beginData(stream, 0);
        stream.put(new byte[10]);
        FrameEncoder.endData(stream, start);
        stream.putInt(start + FrameDescriptor.DATA_COUNT_OFFSET, 9).flip();

        assertThatThrownBy(() -> feed(new FrameReader(512), stream, new Recorder()))
                .isInstanceOf(ProtocolException.class).hasMessage("DATA frame of 28 bytes, expected 27");
    }

    @Test
    void unknownTypesAndUnexpectedFramesAreRefused() {
        ByteBuffer unknown = ByteBuffer.allocate(64);
        unknown.putInt(2).put(FrameDescriptor.PROTOCOL_VERSION).put((byte) 99).flip();
        assertThatThrownBy(() -> feed(new FrameReader(512), unknown, new Recorder()))
                .isInstanceOf(ProtocolException.class).hasMessage("unknown frame type 99");

        ByteBuffer ack = ByteBuffer.allocate(64);
        FrameEncoder.ack(ack, 1, 1);
        ack.flip();
        assertThatThrownBy(() -> feed(new FrameReader(512), ack, new FrameHandler() { }))
                .isInstanceOf(ProtocolException.class).hasMessage("unexpected ACK frame");
    }

    @Test
    void aFrameOfAnotherVersionIsReportedWithoutReadingItsBody() throws IOException {
        ByteBuffer stream = ByteBuffer.allocate(64);
        FrameEncoder.ack(stream, 1, 1);
        stream.put(FrameDescriptor.VERSION_OFFSET, (byte) 7).flip();
        Recorder recorder = new Recorder();

        feed(new FrameReader(512), stream, recorder);

        assertThat(recorder.frames).containsExactly("VERSION 7");
        stream.rewind();
        assertThatThrownBy(() -> feed(new FrameReader(512), stream, new FrameHandler() { }))
                .isInstanceOf(ProtocolException.class).hasMessage("peer speaks protocol version 7, this side speaks 1");
    }

    @Test
    void handshakeOffsetsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new Handshake("s", 10, 20, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endOffset=20, receivedOffset=10");
        assertThatThrownBy(() -> FrameEncoder.handshake(ByteBuffer.allocate(1024),
                new Handshake("x".repeat(256), 0, 0, 0, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void feed(FrameReader reader, ByteBuffer stream, FrameHandler handler) throws IOException {
        ChunkedChannel channel = new ChunkedChannel(stream, 5);
        while (reader.readFrom(channel) >= 0) {
            reader.dispatch(handler);
        }
    }

    /** Strictly for testing: serves a buffer's bytes at most {@code chunk} at a time, as a socket might. */
    private static final class ChunkedChannel implements ReadableByteChannel {
        private final ByteBuffer source;
        private final int chunk;

        ChunkedChannel(ByteBuffer source, int chunk) {
            this.source = source;
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!source.hasRemaining()) {
                return -1;
            }
            int n = Math.min(chunk, Math.min(dst.remaining(), source.remaining()));
            dst.put(dst.position(), source, source.position(), n);
            dst.position(dst.position() + n);
            source.position(source.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static final class Recorder implements FrameHandler {
        private final List<String> frames = new ArrayList<>();

        @Override
        public void onHandshake(Handshake handshake) {
            frames.add("HANDSHAKE " + handshake);
        }

        @Override
        public void onHandshakeReply(HandshakeReply reply) {
            frames.add("REPLY " + reply);
        }

        @Override
        public void onData(long offset, ByteBuffer bytes) {
            frames.add("DATA " + offset + " " + StandardCharsets.UTF_8.decode(bytes));
        }

        @Override
        public void onAck(long endOffset, long flushedOffset) {
            frames.add("ACK " + endOffset + " " + flushedOffset);
        }

        @Override
        public void onHeartbeat() {
            frames.add("HEARTBEAT");
        }

        @Override
        public void onUnsupportedVersion(int version) {
            frames.add("VERSION " + version);
        }
    }
}
