package io.couriermq.ha.master;

import io.couriermq.ha.HandshakeStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last refusal per slave id, so that a refused slave retrying every backoff interval is logged
 * once at WARN and then quietly, until it is accepted or refused for another reason.
 *
 * <p>Not thread-safe: the master's I/O thread only.
 */
final class RefusalLog {

    private static final int MAX_SLAVES = 64;

    private final Map<String, HandshakeStatus> lastRefusal = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HandshakeStatus> eldest) {
            return size() > MAX_SLAVES;
        }
    };

    /** Records a refusal; returns true when it is news: the slave was not refused for this reason last time. */
    boolean refused(String slaveId, HandshakeStatus status) {
        return lastRefusal.put(slaveId, status) != status;
    }

    void accepted(String slaveId) {
        lastRefusal.remove(slaveId);
    }
}
