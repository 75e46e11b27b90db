package io.couriermq.ha.slave;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One connection of a slave to its master: handshake, then append every DATA frame to the log at its offset and
 * acknowledge the log's end after each read that appended and at least every heartbeat interval. It ends, by
 * throwing, when the connection breaks, goes quiet for the idle timeout, or the master refuses the handshake; and
 * by returning when the slave stops or the master's address changes.
 *
 * <p>Not thread-safe: runs on the slave's thread, on that thread's selector.
 */
final class MasterConnection implements FrameHandler, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(MasterConnection.class);
    /** Room for a handshake or a few acknowledgements. */
    private static final int OUT_BUFFER_BYTES = 1024;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final Selector selector;
    private final InetSocketAddress master;
    private final ReplicationLog log;
    private final ReplicationConfig config;
    private final SlaveState state;
    private final FrameReader reader;
    /** Frames not yet written, in fill mode. */
    private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BUFFER_BYTES);
    private final long heartbeatNanos;
    private final long idleNanos;
    private Handshake handshake;
    private boolean streaming;
    /** Where the next DATA frame must start. */
    private long nextOffset;
    private boolean appendedSinceAck;
    private long lastReceivedNanos;
    private long lastAckNanos;
    private long lastMasterCheckNanos;

    private MasterConnection(SocketChannel channel, SelectionKey key, Selector selector, FrameReader reader,
                             InetSocketAddress master, ReplicationLog log, ReplicationConfig config,
                             SlaveState state) {
        this.channel = channel;
        this.reader = reader;
        this.key = key;
        this.selector = selector;
        this.master = master;
        this.log = log;
        this.config = config;
        this.state = state;
        this.heartbeatNanos = config.heartbeatInterval().toNanos();
        this.idleNanos = config.idleTimeout().toNanos();
    }

    /**
     * Connects within the connect timeout, waiting on {@code selector}; gives up early when {@code stopping}.
     *
     * @param reader the slave's frame reader, cleared and reused for each connection: it holds a largest DATA frame
     */
    static MasterConnection open(Selector selector, FrameReader reader, InetSocketAddress master,
                                 ReplicationLog log, ReplicationConfig config, SlaveState state,
                                 BooleanSupplier stopping) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            // Acknowledgements are tiny and a sync write on the master waits for them: never delay them.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            if (!channel.connect(master)) {
                finishConnect(selector, channel, master, config, stopping);
            }
            key.interestOps(SelectionKey.OP_READ);
            reader.clear();
            return new MasterConnection(channel, key, selector, reader, master, log, config, state);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void finishConnect(Selector selector, SocketChannel channel, InetSocketAddress master,
                                      ReplicationConfig config, BooleanSupplier stopping) throws IOException {
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        while (!channel.finishConnect()) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                throw new SocketTimeoutException("connecting to master " + master + " timed out after "
                        + config.connectTimeout());
            }
            if (stopping.getAsBoolean()) {
                throw new IOException("slave stopped while connecting to master " + master);
            }
            selector.select(Math.max(1, leftNanos / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    /**
     * Handshakes and streams until the slave stops or {@code currentMaster} names another master.
     *
     * @throws MasterRefusedException if the master refuses the handshake
     * @throws IOException            if the connection breaks or goes quiet
     */
    void run(BooleanSupplier stopping, Supplier<InetSocketAddress> currentMaster) throws IOException {
        long now = System.nanoTime();
        lastReceivedNanos = now;
        lastMasterCheckNanos = now;
        handshake = SlaveHandshake.describe(log, config.slaveId());
        FrameEncoder.handshake(out, handshake);
        while (!stopping.getAsBoolean()) {
            flush();
            selector.select(Math.max(1, (nextDeadlineNanos() - now) / 1_000_000 + 1));
            now = System.nanoTime();
            if (!selector.selectedKeys().isEmpty()) {
                selector.selectedKeys().clear();
                read(now);
            }
            if (streaming && (appendedSinceAck || now - lastAckNanos >= heartbeatNanos)) {
                queueAck(now);
            }
            if (now - lastReceivedNanos > idleNanos) {
                throw new IOException("master " + master + " sent nothing for " + (now - lastReceivedNanos) / 1_000_000
                        + " ms");
            }
            if (now - lastMasterCheckNanos >= heartbeatNanos && masterChanged(currentMaster, now)) {
                return;
            }
        }
    }

    @Override
    public void onHandshakeReply(HandshakeReply reply) throws IOException {
        if (streaming) {
            throw new ProtocolException("master " + master + " sent a second HANDSHAKE_REPLY");
        }
        if (reply.status() != HandshakeStatus.OK) {
            throw new MasterRefusedException(reply.status(), refusal(reply));
        }
        state.accepted();
        LOG.info("master {} accepted this slave: streaming from offset {}, master endOffset {}", master,
                handshake.receivedOffset(), reply.endOffset());
        streaming = true;
        nextOffset = handshake.receivedOffset();
        lastAckNanos = System.nanoTime();
    }

    @Override
    public void onData(long offset, ByteBuffer bytes) throws IOException {
        if (!streaming) {
            throw new ProtocolException("master " + master + " sent DATA before accepting the handshake");
        }
        if (offset != nextOffset) {
            throw new ProtocolException("master " + master + " sent DATA at offset " + offset + ", expected "
                    + nextOffset);
        }
        int count = bytes.remaining();
        log.append(offset, bytes);
        nextOffset += count;
        appendedSinceAck = true;
    }

    @Override
    public void close() {
        state.disconnected();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the connection to master {} failed", master, e);
        }
    }

    private void read(long now) throws IOException {
        int read = reader.readFrom(channel);
        if (read < 0) {
            throw new EOFException("master " + master + " closed the connection");
        }
        if (read > 0) {
            lastReceivedNanos = now;
        }
        reader.dispatch(this);
    }

    /** Queues an acknowledgement unless one is still unsent; a later one then carries the newer offsets. */
    private void queueAck(long now) throws IOException {
        if (out.position() > 0) {
            return;
        }
        FrameEncoder.ack(out, log.endOffset(), log.flushedOffset());
        appendedSinceAck = false;
        lastAckNanos = now;
        flush();
    }

    private void flush() throws IOException {
        if (out.position() > 0) {
            out.flip();
            channel.write(out);
            out.compact();
        }
        key.interestOps(out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private long nextDeadlineNanos() {
        long deadline = Math.min(lastReceivedNanos + idleNanos, lastMasterCheckNanos + heartbeatNanos);
        return streaming ? Math.min(deadline, lastAckNanos + heartbeatNanos) : deadline;
    }

    private boolean masterChanged(Supplier<InetSocketAddress> currentMaster, long now) {
        lastMasterCheckNanos = now;
        InetSocketAddress current = currentMaster.get();
        if (master.equals(current)) {
            return false;
        }
        LOG.info("master address changed from {} to {}: reconnecting", master, current);
        return true;
    }

    private String refusal(HandshakeReply reply) {
        String why = switch (reply.status()) {
            case SLAVE_BEHIND_RETENTION -> "the master no longer holds the bytes this slave needs next; reseed this "
                    + "slave from a copy of the master's store";
            case SLAVE_AHEAD -> "this slave holds bytes beyond the master's end; it was replicated from another "
                    + "master, or the master lost its tail";
            case DIVERGED -> "this slave's last bytes differ from the master's at the same offsets; the logs forked";
            case UNSUPPORTED_VERSION -> "the master does not speak protocol version "
                    + FrameDescriptor.PROTOCOL_VERSION;
            case OK -> throw new IllegalArgumentException("not a refusal: " + reply);
        };
        return "master " + master + " refused this slave with " + reply.status() + ": " + why
                + " (slave receivedOffset=" + handshake.receivedOffset() + ", endOffset=" + handshake.endOffset()
                + ", checksum of [" + handshake.checksumFrom() + ", " + handshake.endOffset() + "); master startOffset="
                + reply.startOffset() + ", endOffset=" + reply.endOffset() + "). The slave's log is left untouched.";
    }
}
