package io.couriermq.store.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One mapped file: creation, reopening, forcing, and the reference counting that keeps a file and its mapping
 * alive while any reader holds it. A buffer is never touched after its last release: that would crash the JVM.
 */
class SegmentTest {

    private static final int SIZE = 8192;

    @TempDir
    Path dir;

    @Test
    void createMakesAFileOfTheSegmentSizeNamedByItsBase() throws IOException {
        Segment segment = Segment.create(dir, 16_384, SIZE);
        try {
            assertThat(segment.file()).isEqualTo(dir.resolve("00000000000000016384"));
            assertThat(Files.size(segment.file())).isEqualTo(SIZE);
            assertThat(segment.baseOffset()).isEqualTo(16_384);
            assertThat(segment.endOffset()).isEqualTo(16_384 + SIZE);
            assertThat(segment.size()).isEqualTo(SIZE);
            assertThat(segment.buffer().capacity()).isEqualTo(SIZE);
            assertThat(segment.isMapped()).isTrue();
        } finally {
            segment.close();
        }
    }

    @Test
    void containsCoversExactlyItsRange() {
        Segment segment = Segment.create(dir, 16_384, SIZE);
        try {
            assertThat(segment.contains(16_383)).isFalse();
            assertThat(segment.contains(16_384)).isTrue();
            assertThat(segment.contains(16_384 + SIZE - 1)).isTrue();
            assertThat(segment.contains(16_384 + SIZE)).isFalse();
        } finally {
            segment.close();
        }
    }

    @Test
    void bytesWrittenThroughTheFileAreReadableInTheMappingAndOnDisk() throws IOException {
        Segment segment = Segment.create(dir, 0, SIZE);
        try {
            segment.writeThrough(100, ByteBuffer.wrap(new byte[] {7, 8, 9}));
            segment.force(100, 103);

            assertThat(segment.buffer().get(100)).isEqualTo((byte) 7);
            assertThat(segment.buffer().get(102)).isEqualTo((byte) 9);
            byte[] onDisk = Files.readAllBytes(segment.file());
            assertThat(new byte[] {onDisk[100], onDisk[101], onDisk[102]}).containsExactly(7, 8, 9);
        } finally {
            segment.close();
        }
    }

    @Test
    void anInterruptedWriterStillWritesAndKeepsItsInterrupt() {
        Segment segment = Segment.create(dir, 0, SIZE);
        try {
            Thread.currentThread().interrupt();
            segment.writeThrough(0, ByteBuffer.wrap(new byte[] {1}));
            assertThat(Thread.interrupted()).as("the interrupt is restored").isTrue();

            // An interrupt would have closed the file channel for good; a later write must still work.
            segment.writeThrough(1, ByteBuffer.wrap(new byte[] {2}));
            assertThat(segment.buffer().get(0)).isEqualTo((byte) 1);
            assertThat(segment.buffer().get(1)).isEqualTo((byte) 2);
        } finally {
            Thread.interrupted();
            segment.close();
        }
    }

    @Test
    void pretouchingTheRestLeavesEveryByteBeforeTheNextWholePageAsWritten() {
        int size = 4 * 4_096;
        Segment segment = Segment.create(dir, 0, size);
        try {
            ByteBuffer buffer = segment.buffer();
            for (int i = 0; i < size; i++) {
                buffer.put(i, (byte) 0x7F);
            }
            segment.pretouch(5_000);

            for (int i = 0; i < size; i++) {
                byte expected = i >= 8_192 && i % 4_096 == 0 ? 0 : (byte) 0x7F;
                assertThat(buffer.get(i)).as("byte %d", i).isEqualTo(expected);
            }
        } finally {
            segment.destroy();
        }
    }

    @Test
    void refusesToCreateOverAnExistingFile() throws IOException {
        Path existing = dir.resolve(SegmentNames.nameOf(0));
        Files.write(existing, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> Segment.create(dir, 0, SIZE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(existing)).containsExactly(1, 2, 3);
    }

    @Test
    void bytesWrittenAndForcedAreInTheFileAndSurviveReopening() throws IOException {
        Segment segment = Segment.create(dir, 0, SIZE);
        segment.buffer().putLong(4000, 0x0102_0304_0506_0708L);
        segment.force(4000, 4008);
        segment.close();

        byte[] onDisk = Files.readAllBytes(dir.resolve(SegmentNames.nameOf(0)));
        assertThat(ByteBuffer.wrap(onDisk).getLong(4000)).isEqualTo(0x0102_0304_0506_0708L);

        Segment reopened = Segment.open(dir.resolve(SegmentNames.nameOf(0)), 0, SIZE);
        try {
            assertThat(reopened.buffer().getLong(4000)).isEqualTo(0x0102_0304_0506_0708L);
            assertThat(reopened.buffer().getLong(0)).isZero();
        } finally {
            reopened.close();
        }
    }

    @Test
    void openGrowsAShortFileToTheRequestedSize() throws IOException {
        Path file = dir.resolve(SegmentNames.nameOf(0));
        Files.write(file, new byte[] {7, 7, 7});

        Segment segment = Segment.open(file, 0, SIZE);
        try {
            assertThat(Files.size(file)).isEqualTo(SIZE);
            assertThat(segment.buffer().get(2)).isEqualTo((byte) 7);
            assertThat(segment.buffer().get(SIZE - 1)).isZero();
        } finally {
            segment.close();
        }
    }

    @Test
    void closeUnmapsButKeepsTheFile() {
        Segment segment = Segment.create(dir, 0, SIZE);

        segment.close();

        assertThat(segment.isMapped()).isFalse();
        assertThat(segment.file()).exists();
        assertThat(segment.retain()).isFalse();
    }

    @Test
    void destroyWithoutReadersDeletesTheFileAtOnce() {
        Segment segment = Segment.create(dir, 0, SIZE);

        segment.destroy();

        assertThat(segment.isMapped()).isFalse();
        assertThat(segment.file()).doesNotExist();
    }

    /** The guarantee retention relies on: never delete what a reader holds open. */
    @Test
    void destroyedSegmentKeepsItsFileAndMappingUntilTheLastReaderReleases() {
        Segment segment = Segment.create(dir, 0, SIZE);
        segment.buffer().putInt(100, 0xCAFE_BABE);
        assertThat(segment.retain()).isTrue();
        assertThat(segment.retain()).isTrue();

        segment.destroy();

        assertThat(segment.file()).exists();
        assertThat(segment.isMapped()).isTrue();
        assertThat(segment.buffer().getInt(100)).isEqualTo(0xCAFE_BABE);

        segment.release();

        assertThat(segment.file()).exists();
        assertThat(segment.isMapped()).isTrue();
        assertThat(segment.buffer().getInt(100)).isEqualTo(0xCAFE_BABE);

        segment.release();

        assertThat(segment.isMapped()).isFalse();
        assertThat(segment.file()).doesNotExist();
    }

    @Test
    void closedSegmentKeepsItsFileAfterTheLastReaderReleases() {
        Segment segment = Segment.create(dir, 0, SIZE);
        assertThat(segment.retain()).isTrue();

        segment.close();
        assertThat(segment.isMapped()).isTrue();
        segment.release();

        assertThat(segment.isMapped()).isFalse();
        assertThat(segment.file()).exists();
    }

    @Test
    void retainFailsOnceFullyReleasedEvenWhileTheFileLingers() {
        Segment segment = Segment.create(dir, 0, SIZE);
        assertThat(segment.retain()).isTrue();
        segment.release();
        assertThat(segment.isMapped()).isTrue();

        segment.destroy();

        assertThat(segment.retain()).isFalse();
        assertThat(segment.retain()).isFalse();
        assertThat(segment.isMapped()).isFalse();
    }

    @Test
    void releasingMoreOftenThanRetainedIsAnError() {
        Segment segment = Segment.create(dir, 0, SIZE);
        segment.close();

        assertThatThrownBy(segment::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released more often than retained");
    }

    @Test
    void forceOfAnEmptyOrReversedRangeDoesNothing() {
        Segment segment = Segment.create(dir, 0, SIZE);
        try {
            assertThatCode(() -> {
                segment.force(100, 100);
                segment.force(100, 50);
                segment.force(0, SIZE);
            }).doesNotThrowAnyException();
        } finally {
            segment.close();
        }
    }
}
