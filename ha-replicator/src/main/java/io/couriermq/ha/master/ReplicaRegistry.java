package io.couriermq.ha.master;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The slaves the master knows: connected ones, and the last state of up to {@link #MAX_DEPARTED} that
 * disconnected, until they come back under the same id. Written by the I/O thread on connects and disconnects
 * only, so a copy-on-write list lets status readers and the I/O thread iterate without locks.
 */
final class ReplicaRegistry {

    static final int MAX_DEPARTED = 16;

    private final CopyOnWriteArrayList<ReplicaProgress> replicas = new CopyOnWriteArrayList<>();

    void connected(ReplicaProgress replica) {
        replicas.removeIf(r -> !r.connected() && r.slaveId().equals(replica.slaveId()));
        replicas.add(replica);
    }

    void departed(ReplicaProgress replica) {
        replica.disconnected();
        long departed = replicas.stream().filter(r -> !r.connected()).count();
        for (ReplicaProgress r : replicas) {
            if (departed <= MAX_DEPARTED) {
                break;
            }
            if (!r.connected() && replicas.remove(r)) {
                departed--;
            }
        }
    }

    /** Connected and departed slaves, oldest first; safe to iterate on any thread. */
    List<ReplicaProgress> all() {
        return replicas;
    }
}
