package io.couriermq.ha.master;

import io.couriermq.ha.HandshakeStatus;
import io.couriermq.ha.ReplicationConfig;
import io.couriermq.ha.wire.FrameDescriptor;
import io.couriermq.ha.wire.FrameEncoder;
import io.couriermq.ha.wire.FrameHandler;
import io.couriermq.ha.wire.FrameReader;
import io.couriermq.ha.wire.Handshake;
import io.couriermq.ha.wire.HandshakeReply;
import io.couriermq.ha.wire.ProtocolException;
import io.couriermq.store.ReplicationLog;
import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Clock;

/**
 * One slave's connection on the master: answers its handshake, streams the log from the slave's offset in
 * batches as it grows, and takes its acknowledgements. Never blocks: it sends what the socket takes and asks for
 * a write-ready wake-up for the rest.
 *
 * <p>Not thread-safe: owned by the master's I/O thread, which closes it on any exception it throws.
 */
final class SlaveSession implements FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlaveSession.class);
    /** Frames sent per turn before the I/O thread serves other slaves and reads acknowledgements. */
    private static final int MAX_FRAMES_PER_TURN = 16;

    /** What a session needs next from the I/O thread. */
    enum Pump {
        /** Waiting for the slave's handshake or acknowledgements. */
        IDLE,
        /** Sent the whole log; wake it when the log grows. */
        WAITING_FOR_GROWTH,
        /** The socket is full; wake it when it is writable. */
        BLOCKED,
        /** Has more to send at once. */
        MORE,
        /** Sent its refusal: close it. */
        DONE
    }

    private enum State { HANDSHAKING, STREAMING, REFUSED }

    private final SocketChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress address;
    private final ReplicationLog log;
    private final ReplicaRegistry registry;
    private final RefusalLog refusals;
    private final Clock clock;
    private final int batchBytes;
    private final long heartbeatNanos;
    private final long idleNanos;
    private final FrameReader reader = new FrameReader(FrameDescriptor.MAX_CONTROL_FRAME_LENGTH);
    /** Frames not yet written, in fill mode: they lie in {@code [0, position)}. */
    private final ByteBuffer out;
    private State state = State.HANDSHAKING;
    private ReplicaProgress progress;
    /** The log offset of the next byte to send. */
    private long sendOffset;
    private long lastReceivedNanos;
    private long lastSentNanos;

    SlaveSession(SocketChannel channel, SelectionKey key, InetSocketAddress address, ReplicationLog log,
                 ReplicaRegistry registry, RefusalLog refusals, ReplicationConfig config, long nowNanos) {
        this.channel = channel;
        this.key = key;
        this.address = address;
        this.log = log;
        this.registry = registry;
        this.refusals = refusals;
        this.clock = config.clock();
        this.batchBytes = config.transferBatchSize().toIntExact();
        this.heartbeatNanos = config.heartbeatInterval().toNanos();
        this.idleNanos = config.idleTimeout().toNanos();
        this.out = ByteBuffer.allocateDirect(FrameDescriptor.DATA_HEADER_LENGTH + batchBytes
                + FrameDescriptor.MAX_SMALL_FRAME_BYTES);
        this.lastReceivedNanos = nowNanos;
        this.lastSentNanos = nowNanos;
    }

    /** The slave's progress once its handshake was accepted, else null. */
    ReplicaProgress progress() {
        return progress;
    }

    /** Reads and handles what the slave sent. */
    void onReadable(long nowNanos) throws IOException {
        int read = reader.readFrom(channel);
        if (read < 0) {
            throw new EOFException(this + " closed the connection");
        }
        if (read > 0) {
            lastReceivedNanos = nowNanos;
        }
        reader.dispatch(this);
    }

    /** Sends as much as the socket takes, up to a fair share, and says what the session needs next. */
    Pump pump(long nowNanos) throws IOException {
        Pump next = send(nowNanos);
        key.interestOps(next == Pump.BLOCKED ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        return next;
    }

    private Pump send(long nowNanos) throws IOException {
        for (int frames = 0; frames < MAX_FRAMES_PER_TURN; frames++) {
            if (out.position() > 0 && !flush(nowNanos)) {
                return Pump.BLOCKED;
            }
            switch (state) {
                case HANDSHAKING -> {
                    return Pump.IDLE;
                }
                case REFUSED -> {
                    return Pump.DONE;
                }
                case STREAMING -> {
                    if (!fillData()) {
                        return Pump.WAITING_FOR_GROWTH;
                    }
                }
            }
        }
        return Pump.MORE;
    }

    /** Closes a connection that went quiet, and queues a heartbeat when nothing was sent for a while. */
    void housekeeping(long nowNanos) throws IOException {
        if (nowNanos - lastReceivedNanos > idleNanos) {
            throw new IOException(this + " sent nothing for " + (nowNanos - lastReceivedNanos) / 1_000_000 + " ms");
        }
        if (state == State.STREAMING && out.position() == 0 && nowNanos - lastSentNanos >= heartbeatNanos) {
            FrameEncoder.heartbeat(out);
        }
    }

    /** When {@link #housekeeping} next has something to do. */
    long nextDeadlineNanos() {
        long idleDeadline = lastReceivedNanos + idleNanos;
        return state == State.STREAMING ? Math.min(idleDeadline, lastSentNanos + heartbeatNanos) : idleDeadline;
    }

    @Override
    public void onHandshake(Handshake handshake) throws IOException {
        if (state != State.HANDSHAKING) {
            throw new ProtocolException(this + " sent a second HANDSHAKE");
        }
        long start = log.startOffset();
        long end = log.endOffset();
        HandshakeStatus status = judge(handshake, start, end);
        FrameEncoder.handshakeReply(out, new HandshakeReply(status, start, end));
        if (status != HandshakeStatus.OK) {
            String message = "refusing slave {} at {}: {}; slave receivedOffset={}, endOffset={}, checksum of "
                    + "[{}, {}); master startOffset={}, endOffset={}";
            Object[] values = {handshake.slaveId(), address, status, handshake.receivedOffset(),
                    handshake.endOffset(), handshake.checksumFrom(), handshake.endOffset(), start, end};
            if (refusals.refused(handshake.slaveId(), status)) {
                LOG.warn(message, values);
            } else {
                LOG.debug(message, values);
            }
            state = State.REFUSED;
            return;
        }
        refusals.accepted(handshake.slaveId());
        LOG.info("slave {} at {} connected: streaming from offset {}, master endOffset {}", handshake.slaveId(),
                address, handshake.receivedOffset(), end);
        sendOffset = handshake.receivedOffset();
        progress = new ReplicaProgress(handshake.slaveId(), address, handshake.endOffset(), clock.millis());
        registry.connected(progress);
        state = State.STREAMING;
    }

    @Override
    public void onUnsupportedVersion(int version) throws IOException {
        if (state != State.HANDSHAKING) {
            throw new ProtocolException(this + " switched to protocol version " + version);
        }
        LOG.warn("refusing slave at {}: it speaks protocol version {}, this master {}", address, version,
                FrameDescriptor.PROTOCOL_VERSION);
        FrameEncoder.handshakeReply(out, new HandshakeReply(HandshakeStatus.UNSUPPORTED_VERSION, log.startOffset(),
                log.endOffset()));
        state = State.REFUSED;
    }

    @Override
    public void onAck(long endOffset, long flushedOffset) throws IOException {
        if (state != State.STREAMING) {
            throw new ProtocolException(this + " sent an ACK before its handshake was accepted");
        }
        if (endOffset < progress.ackedOffset() || endOffset > sendOffset) {
            throw new ProtocolException(this + " acknowledged offset " + endOffset + " outside [acked "
                    + progress.ackedOffset() + ", sent " + sendOffset + "]");
        }
        progress.onAck(endOffset, flushedOffset, clock.millis());
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the connection of {} failed", this, e);
        }
    }

    @Override
    public String toString() {
        return "slave " + (progress == null ? "" : progress.slaveId() + " ") + "at " + address;
    }

    private HandshakeStatus judge(Handshake handshake, long start, long end) {
        try {
            return HandshakeJudge.judge(handshake, start, end, log::checksum);
        } catch (StoreException e) {
            if (e.code() == StoreErrorCode.OFFSET_NOT_FOUND) {
                // Retention removed the range after the start offset was read.
                return HandshakeStatus.SLAVE_BEHIND_RETENTION;
            }
            throw e;
        }
    }

    /** Writes pending frames; returns true when all were written. */
    private boolean flush(long nowNanos) throws IOException {
        out.flip();
        int written = channel.write(out);
        out.compact();
        if (written > 0) {
            lastSentNanos = nowNanos;
        }
        return out.position() == 0;
    }

    /** Puts the next batch of log bytes in a DATA frame; returns false when the slave has the whole log. */
    private boolean fillData() {
        if (sendOffset >= log.endOffset()) {
            return false;
        }
        int frameStart = FrameEncoder.beginData(out, sendOffset);
        int limit = out.limit();
        out.limit(out.position() + batchBytes);
        int read;
        try {
            read = log.read(sendOffset, out);
        } finally {
            out.limit(limit);
        }
        if (read == 0) {
            out.position(frameStart);
            return false;
        }
        FrameEncoder.endData(out, frameStart);
        sendOffset += read;
        return true;
    }
}
