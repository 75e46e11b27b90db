package io.couriermq.broker.core.consume;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class AckedRangesTest {

    @Test
    void adjacentAndOverlappingRangesMerge() {
        AckedRanges ranges = new AckedRanges();
        ranges.add(5);
        ranges.add(7);
        ranges.add(6);
        ranges.add(10, 12);
        ranges.add(11, 15);
        assertThat(ranges.toList()).containsExactly(new long[] {5, 8}, new long[] {10, 15});
        assertThat(ranges.count()).isEqualTo(8);
    }

    @Test
    void theRangeAtTheCommittedOffsetIsTakenWhole() {
        AckedRanges ranges = new AckedRanges();
        ranges.add(3, 9);
        assertThat(ranges.takeRangeStartingAt(2)).isEqualTo(2);
        assertThat(ranges.takeRangeStartingAt(3)).isEqualTo(9);
        assertThat(ranges.contains(4)).isFalse();
    }

    @Test
    void droppingBelowCutsARangeInTwo() {
        AckedRanges ranges = new AckedRanges();
        ranges.add(0, 10);
        ranges.add(20, 30);
        ranges.dropBelow(5);
        assertThat(ranges.toList()).containsExactly(new long[] {5, 10}, new long[] {20, 30});
    }

    /** Whatever the order of additions, the ranges hold exactly the offsets added, as a plain set would. */
    @Property(tries = 300)
    void agreesWithASetOfOffsets(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 80) Integer> offsets) {
        AckedRanges ranges = new AckedRanges();
        TreeSet<Long> model = new TreeSet<>();
        for (int offset : offsets) {
            ranges.add(offset);
            model.add((long) offset);
        }
        for (long offset = 0; offset <= 81; offset++) {
            assertThat(ranges.contains(offset)).as("offset %d", offset).isEqualTo(model.contains(offset));
        }
        assertThat(ranges.count()).isEqualTo(model.size());
        List<long[]> list = ranges.toList();
        for (int i = 1; i < list.size(); i++) {
            assertThat(list.get(i)[0]).as("ranges neither touch nor overlap").isGreaterThan(list.get(i - 1)[1]);
        }
    }
}
