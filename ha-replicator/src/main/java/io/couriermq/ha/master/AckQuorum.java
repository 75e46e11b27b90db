package io.couriermq.ha.master;

import java.util.Arrays;

/** Which offset enough slaves hold: the decision behind {@code awaitReplicated}, kept apart to be tested alone. */
final class AckQuorum {

    /** What {@link #confirmedOffset} returns when fewer slaves than required are connected. */
    static final long NOTHING = -1;

    private AckQuorum() {
    }

    /**
     * The highest offset that at least {@code required} of the slaves acknowledged.
     *
     * @param acked the acknowledged offsets of connected slaves in {@code [0, count)}; reordered
     */
    static long confirmedOffset(long[] acked, int count, int required) {
        if (count < required) {
            return NOTHING;
        }
        Arrays.sort(acked, 0, count);
        return acked[count - required];
    }
}
