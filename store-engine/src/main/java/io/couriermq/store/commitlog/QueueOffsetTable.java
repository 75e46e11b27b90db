package io.couriermq.store.commitlog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The next queue offset of every (topic, queue id), assigned to records in log order. Owned by the append loop:
 * only that thread reads or changes it once the log is open. Recovery fills it from the consume queues.
 */
public final class QueueOffsetTable {

    private final Map<String, long[]> nextOffsets = new HashMap<>();

    /** Sets the next offset of a queue, as recovered from its consume queue. */
    public void set(String topic, int queueId, long nextOffset) {
        long[] offsets = offsetsOf(topic, queueId);
        offsets[queueId] = nextOffset;
    }

    /** Returns the offset for the next record of the queue and advances it. */
    long assign(String topic, int queueId) {
        long[] offsets = offsetsOf(topic, queueId);
        return offsets[queueId]++;
    }

    void remove(String topic) {
        nextOffsets.remove(topic);
    }

    private long[] offsetsOf(String topic, int queueId) {
        long[] offsets = nextOffsets.get(topic);
        if (offsets == null || offsets.length <= queueId) {
            long[] grown = offsets == null ? new long[queueId + 1] : Arrays.copyOf(offsets, queueId + 1);
            nextOffsets.put(topic, grown);
            return grown;
        }
        return offsets;
    }
}
