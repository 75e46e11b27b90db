package io.couriermq.ha.wire;

import io.couriermq.ha.HandshakeStatus;

import java.util.Objects;

/**
 * The master's answer to a {@link Handshake}.
 *
 * @param status      OK to stream, otherwise why the slave is refused
 * @param startOffset the first offset the master's log holds
 * @param endOffset   where the master's complete records end
 */
public record HandshakeReply(HandshakeStatus status, long startOffset, long endOffset) {

    public HandshakeReply {
        Objects.requireNonNull(status, "status");
    }
}
