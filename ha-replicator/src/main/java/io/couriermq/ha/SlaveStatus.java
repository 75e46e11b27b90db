package io.couriermq.ha;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A slave's view of its replication at one moment.
 *
 * @param masterAddress  the master it is connected or trying to connect to; null when the supplier knows none
 * @param connected      the master accepted the handshake and the connection is up
 * @param endOffset      where the complete records of the slave's log end: what it acknowledges
 * @param receivedOffset where the bytes received from the master end, a partial record included
 * @param lastHandshake  the master's answer to the last handshake; null before the first answer
 * @param lastError      the last failure or refusal, described with its values; null if there was none
 * @param lastErrorTime  when {@code lastError} happened; null if there was none
 */
public record SlaveStatus(InetSocketAddress masterAddress, boolean connected, long endOffset, long receivedOffset,
                          HandshakeStatus lastHandshake, String lastError, Instant lastErrorTime) {
}
