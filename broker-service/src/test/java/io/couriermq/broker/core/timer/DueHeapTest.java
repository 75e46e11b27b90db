package io.couriermq.broker.core.timer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DueHeapTest {

    private record Entry(long dueAt, long offset, int size) {
    }

    @Test
    void entriesComeOutByDueTimeThenOffsetAndTheArraysShrinkAgain() {
        Random random = new Random(42);
        List<Entry> added = new ArrayList<>();
        DueHeap heap = new DueHeap();
        for (int i = 0; i < 50_000; i++) {
            Entry entry = new Entry(random.nextInt(1000), random.nextInt(1_000_000), i + 1);
            added.add(entry);
            heap.add(entry.dueAt(), entry.offset(), entry.size());
        }
        added.sort(Comparator.comparingLong(Entry::dueAt).thenComparingLong(Entry::offset));
        List<Entry> removed = new ArrayList<>();
        while (!heap.isEmpty()) {
            removed.add(new Entry(heap.peekDueAt(), heap.peekOffset(), heap.peekSize()));
            heap.remove();
        }
        assertThat(removed).extracting(Entry::dueAt).isSorted();
        assertThat(removed.stream().map(e -> e.dueAt() * 1_000_000 + e.offset()).toList()).isSorted();
        assertThat(removed).containsExactlyInAnyOrderElementsOf(added);
        heap.add(5, 5, 5);
        assertThat(heap.size()).isEqualTo(1);
        assertThat(heap.peekSize()).isEqualTo(5);
    }
}
