package io.couriermq.ha.master;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline tells when the oldest byte past an offset was written, and only coarsens when full. */
class WriteTimelineTest {

    @Test
    void theOldestWriteAfterAnOffsetIsTheSampleThatCoversIt() {
        WriteTimeline timeline = new WriteTimeline(8, 100, 1_000);
        timeline.record(200, 2_000);
        timeline.record(300, 3_000);

        assertThat(timeline.oldestWriteAfter(0)).as("bytes from before the start").isEqualTo(1_000);
        assertThat(timeline.oldestWriteAfter(99)).isEqualTo(1_000);
        assertThat(timeline.oldestWriteAfter(100)).isEqualTo(2_000);
        assertThat(timeline.oldestWriteAfter(250)).isEqualTo(3_000);
        assertThat(timeline.oldestWriteAfter(300)).isEqualTo(WriteTimeline.NONE);
        assertThat(timeline.lastEnd()).isEqualTo(300);
    }

    @Test
    void samplesThatDoNotGrowTheLogAreIgnored() {
        WriteTimeline timeline = new WriteTimeline(4, 100, 1_000);
        timeline.record(100, 5_000);
        timeline.record(90, 6_000);

        assertThat(timeline.oldestWriteAfter(50)).isEqualTo(1_000);
        assertThat(timeline.oldestWriteAfter(100)).isEqualTo(WriteTimeline.NONE);
    }

    @Test
    void aFullTimelineMergesItsOldestSamplesKeepingTheOlderTime() {
        WriteTimeline timeline = new WriteTimeline(3, 100, 1_000);
        timeline.record(200, 2_000);
        timeline.record(300, 3_000);
        timeline.record(400, 4_000);
        timeline.record(500, 5_000);

        assertThat(timeline.oldestWriteAfter(150)).as("overstated, never understated").isEqualTo(1_000);
        assertThat(timeline.oldestWriteAfter(250)).isEqualTo(1_000);
        assertThat(timeline.oldestWriteAfter(300)).isEqualTo(4_000);
        assertThat(timeline.oldestWriteAfter(450)).isEqualTo(5_000);
        assertThat(timeline.lastEnd()).isEqualTo(500);
    }
}
