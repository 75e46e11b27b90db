package io.couriermq.ha.wire;

import java.io.IOException;

/** A peer broke the replication protocol; the connection is closed, as after any other I/O failure. */
public final class ProtocolException extends IOException {

    public ProtocolException(String message) {
        super(message);
    }
}
