package io.couriermq.ha.master;

import io.couriermq.ha.HandshakeStatus;
import io.couriermq.ha.wire.Handshake;

/**
 * Decides whether a slave may stream from the master's log, from its handshake alone: the master never repairs a
 * slave's log, it only tells it why it cannot continue.
 *
 * <p>Streaming resumes at the slave's received offset, which may lie past its end offset when the slave holds
 * the first bytes of a record. The checksum covers the slave's last complete bytes, below its end offset; the
 * partial bytes after it are validated by the slave's log when the rest of the record arrives.
 */
final class HandshakeJudge {

    /** The checksum of a range of the master's log. */
    @FunctionalInterface
    interface RangeChecksum {
        int of(long from, long to);
    }

    private HandshakeJudge() {
    }

    /**
     * @param masterStart the first offset the master's log holds
     * @param masterEnd   where the master's complete records end
     */
    static HandshakeStatus judge(Handshake handshake, long masterStart, long masterEnd, RangeChecksum checksum) {
        if (handshake.receivedOffset() > masterEnd) {
            return HandshakeStatus.SLAVE_AHEAD;
        }
        // Both the bytes to send next and the bytes that prove the slave a prefix must still be on the master.
        if (handshake.receivedOffset() < masterStart || handshake.checksumFrom() < masterStart) {
            return HandshakeStatus.SLAVE_BEHIND_RETENTION;
        }
        if (handshake.checksumFrom() < handshake.endOffset()
                && checksum.of(handshake.checksumFrom(), handshake.endOffset()) != handshake.checksum()) {
            return HandshakeStatus.DIVERGED;
        }
        return HandshakeStatus.OK;
    }
}
