package io.couriermq.ha.slave;

import io.couriermq.ha.HandshakeStatus;

import java.io.IOException;

/** The master answered the handshake with a refusal; the message says why, with both sides' offsets. */
final class MasterRefusedException extends IOException {

    private final HandshakeStatus status;

    MasterRefusedException(HandshakeStatus status, String message) {
        super(message);
        this.status = status;
    }

    HandshakeStatus status() {
        return status;
    }
}
