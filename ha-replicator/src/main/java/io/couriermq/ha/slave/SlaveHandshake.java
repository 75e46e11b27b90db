package io.couriermq.ha.slave;

import io.couriermq.ha.wire.Handshake;
import io.couriermq.store.ReplicationLog;

/** What a slave tells the master about its log: where it ends, and a checksum of its last bytes. */
final class SlaveHandshake {

    /**
     * How many of its last complete bytes a slave checksums. Enough to cover the last few records, so that a log
     * forked by even one record is caught, while the master reads only a few pages to check it.
     */
    static final int CHECKSUM_WINDOW_BYTES = 4096;

    private SlaveHandshake() {
    }

    static Handshake describe(ReplicationLog log, String slaveId) {
        long received = log.receivedOffset();
        long end = log.endOffset();
        long from = Math.max(log.startOffset(), end - CHECKSUM_WINDOW_BYTES);
        return new Handshake(slaveId, received, end, from, log.checksum(from, end));
    }
}
