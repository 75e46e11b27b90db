package io.couriermq.ha;

/**
 * The master's answer to a slave's handshake. Only {@link #OK} starts streaming; every other answer closes the
 * connection, and the slave, which never truncates or merges its log on its own, tries again after its backoff.
 */
public enum HandshakeStatus {
    /** The slave's log is a prefix of the master's; streaming starts at the slave's received offset. */
    OK,
    /**
     * The master no longer holds the bytes the slave needs next, or the bytes that would prove the slave's log a
     * prefix of its own: retention deleted them. An empty slave of a master whose log no longer starts at 0 gets
     * this too. The slave must be reseeded from a copy of the master's files.
     */
    SLAVE_BEHIND_RETENTION,
    /** The slave holds bytes beyond the master's end: it was replicated from another, longer log. */
    SLAVE_AHEAD,
    /** The slave's last bytes differ from the master's at the same offsets: the two logs have forked. */
    DIVERGED,
    /** The slave speaks a protocol version this master does not. */
    UNSUPPORTED_VERSION
}
