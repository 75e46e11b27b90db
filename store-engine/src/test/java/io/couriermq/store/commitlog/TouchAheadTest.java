package io.couriermq.store.commitlog;

import io.couriermq.store.segment.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TouchAheadTest {

    private static final int PAGE = 4096;
    private static final byte WRITTEN = 0x7F;

    @TempDir
    Path dir;

    @Test
    void aWriterThatTakesOverBeforeTheTouchingStartsKeepsEveryByteItWrites() {
        Segment segment = Segment.create(dir, 0, 64 * PAGE);
        try {
            TouchAhead touching = new TouchAhead(segment);
            assertThat(touching.writableTo(1)).as("the writer owns the whole segment").isEqualTo(segment.size());
            fill(segment.buffer(), 0, segment.size());

            touching.run();

            assertThat(firstChangedByte(segment.buffer(), 0, segment.size())).isEqualTo(-1);
        } finally {
            segment.destroy();
        }
    }

    @Test
    void aSegmentTouchedToItsEndIsWritableToItsEnd() {
        Segment segment = Segment.create(dir, 0, 256 * PAGE);
        try {
            TouchAhead touching = new TouchAhead(segment);
            touching.run();
            assertThat(touching.writableTo(PAGE)).isEqualTo(segment.size());
        } finally {
            segment.destroy();
        }
    }

    /**
     * The writer races the toucher from the segment's start, writing every byte it may; afterwards no byte it wrote
     * may have been zeroed. Chunks are 256 KiB, so in an 8 MiB segment the two meet mid-way in most rounds.
     */
    @Test
    void touchingRacingTheWriterNeverZeroesAWrittenByte() throws Exception {
        for (int round = 0; round < 20; round++) {
            Segment segment = Segment.create(dir, round * (long) (8 << 20), 8 << 20);
            try {
                TouchAhead touching = new TouchAhead(segment);
                CompletableFuture<Void> toucher = CompletableFuture.runAsync(touching::run);
                ByteBuffer buffer = segment.buffer();
                int written = 0;
                int writableEnd = 0;
                while (written < segment.size()) {
                    int end = Math.min(segment.size(), written + 16 * PAGE);
                    if (end > writableEnd) {
                        writableEnd = touching.writableTo(end);
                    }
                    fill(buffer, written, end);
                    written = end;
                }
                toucher.get(30, TimeUnit.SECONDS);

                assertThat(firstChangedByte(buffer, 0, segment.size())).as("round %d", round).isEqualTo(-1);
            } finally {
                segment.destroy();
            }
        }
    }

    private static void fill(ByteBuffer buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            buffer.put(i, WRITTEN);
        }
    }

    private static int firstChangedByte(ByteBuffer buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer.get(i) != WRITTEN) {
                return i;
            }
        }
        return -1;
    }
}
