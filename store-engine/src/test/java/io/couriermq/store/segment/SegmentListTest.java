package io.couriermq.store.segment;

import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ordered, contiguous segments of one directory: opening, rolling, finding, retaining and deleting. */
class SegmentListTest {

    private static final int SIZE = 4096;

    @TempDir
    Path root;

    private final List<SegmentList> opened = new ArrayList<>();

    @AfterEach
    void closeLists() {
        opened.forEach(SegmentList::close);
    }

    private SegmentList open(Path dir, int segmentSize) {
        SegmentList list = SegmentList.open(dir, segmentSize);
        opened.add(list);
        return list;
    }

    private Path dir() {
        return root.resolve("log");
    }

    private static List<Long> bases(SegmentList list) {
        return list.snapshot().stream().map(Segment::baseOffset).toList();
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void openingAMissingDirectoryCreatesItEmpty() {
        SegmentList list = open(dir(), SIZE);

        assertThat(dir()).isDirectory();
        assertThat(list.isEmpty()).isTrue();
        assertThat(list.count()).isZero();
        assertThat(list.first()).isNull();
        assertThat(list.last()).isNull();
        assertThat(list.minOffset(77)).isEqualTo(77);
        assertThat(list.find(0)).isNull();
        assertThat(list.retain(0)).isNull();
    }

    @Test
    void rollStartsAtTheGivenBaseThenFollowsTheLastSegment() throws IOException {
        SegmentList list = open(dir(), SIZE);

        Segment first = list.roll(3 * SIZE);
        Segment second = list.roll(0);
        Segment third = list.roll(12345);

        assertThat(first.baseOffset()).isEqualTo(3 * SIZE);
        assertThat(second.baseOffset()).isEqualTo(4 * SIZE);
        assertThat(third.baseOffset()).isEqualTo(5 * SIZE);
        assertThat(bases(list)).containsExactly(3L * SIZE, 4L * SIZE, 5L * SIZE);
        assertThat(list.first()).isSameAs(first);
        assertThat(list.last()).isSameAs(third);
        assertThat(list.minOffset(0)).isEqualTo(3 * SIZE);
        assertThat(fileNames(dir())).containsExactly(SegmentNames.nameOf(3 * SIZE), SegmentNames.nameOf(4 * SIZE),
                SegmentNames.nameOf(5 * SIZE));
    }

    @Test
    void reopeningFindsTheSegmentsAndTheirBytes() {
        SegmentList list = SegmentList.open(dir(), SIZE);
        for (int i = 0; i < 3; i++) {
            list.roll(0).buffer().putInt(10, 1000 + i);
        }
        list.close();

        SegmentList reopened = open(dir(), SIZE);

        assertThat(bases(reopened)).containsExactly(0L, (long) SIZE, 2L * SIZE);
        for (int i = 0; i < 3; i++) {
            assertThat(reopened.find((long) i * SIZE).buffer().getInt(10)).isEqualTo(1000 + i);
        }
    }

    @Test
    void openKeepsEarlierSegmentSizesAndGrowsAShortLastSegment() throws IOException {
        Files.createDirectories(dir());
        Files.write(dir().resolve(SegmentNames.nameOf(0)), new byte[2 * SIZE]);
        Files.write(dir().resolve(SegmentNames.nameOf(2 * SIZE)), new byte[100]);

        SegmentList list = open(dir(), SIZE);

        assertThat(list.snapshot()).extracting(Segment::size).containsExactly(2 * SIZE, SIZE);
        assertThat(Files.size(dir().resolve(SegmentNames.nameOf(2 * SIZE)))).isEqualTo(SIZE);
        assertThat(list.find(2 * SIZE - 1).baseOffset()).isZero();
    }

    @Test
    void openIgnoresFilesAndDirectoriesThatAreNotSegments() throws IOException {
        Files.createDirectories(dir());
        Files.write(dir().resolve("checkpoint"), new byte[36]);
        Files.write(dir().resolve(SegmentNames.nameOf(0) + ".tmp"), new byte[SIZE]);
        Files.write(dir().resolve("0000000000000000000"), new byte[SIZE]);
        Files.createDirectory(dir().resolve(SegmentNames.nameOf(SIZE)));
        Files.write(dir().resolve(SegmentNames.nameOf(7 * SIZE)), new byte[SIZE]);

        SegmentList list = open(dir(), SIZE);

        assertThat(bases(list)).containsExactly(7L * SIZE);
    }

    /**
     * Regression guard for the consequence of {@code SegmentNamesTest.rejectsNonAsciiDigits}: a stray file
     * named with 20 non-ASCII digits is taken for a segment, and open fails looking for a file of the ASCII name.
     */
    @Test
    void openIgnoresAFileNamedWithNonAsciiDigits() throws IOException {
        Files.createDirectories(dir());
        Files.write(dir().resolve(SegmentNames.nameOf(0)), new byte[SIZE]);
        Files.write(dir().resolve("0000000000000000000\u0661"), new byte[SIZE]);

        SegmentList list = open(dir(), SIZE);

        assertThat(bases(list)).containsExactly(0L);
    }

    @Test
    void nonContiguousFilesAreRejectedAsCorrupt() throws IOException {
        Files.createDirectories(dir());
        Files.write(dir().resolve(SegmentNames.nameOf(0)), new byte[SIZE]);
        Files.write(dir().resolve(SegmentNames.nameOf(2 * SIZE)), new byte[SIZE]);

        assertThatThrownBy(() -> open(dir(), SIZE))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrorCode.CORRUPT_RECORD))
                .hasMessageContaining("not contiguous").hasMessageContaining(Long.toString(2 * SIZE));
    }

    @Test
    void overlappingFilesAreRejectedAsCorrupt() throws IOException {
        Files.createDirectories(dir());
        Files.write(dir().resolve(SegmentNames.nameOf(0)), new byte[SIZE]);
        Files.write(dir().resolve(SegmentNames.nameOf(SIZE / 2)), new byte[SIZE]);

        assertThatThrownBy(() -> open(dir(), SIZE)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(StoreErrorCode.CORRUPT_RECORD));
    }

    @Test
    void findLocatesTheSegmentHoldingAnOffset() {
        SegmentList list = open(dir(), SIZE);
        for (int i = 0; i < 5; i++) {
            list.roll(SIZE);
        }

        assertThat(list.find(SIZE - 1)).isNull();
        for (int i = 1; i <= 5; i++) {
            long base = (long) i * SIZE;
            assertThat(list.find(base).baseOffset()).isEqualTo(base);
            assertThat(list.find(base + SIZE / 2).baseOffset()).isEqualTo(base);
            assertThat(list.find(base + SIZE - 1).baseOffset()).isEqualTo(base);
        }
        assertThat(list.find(6L * SIZE)).isNull();
        assertThat(list.find(Long.MAX_VALUE)).isNull();
    }

    @Test
    void retainTakesAReferenceThatOutlivesDeletion() {
        SegmentList list = open(dir(), SIZE);
        Segment first = list.roll(0);
        list.roll(0);
        first.buffer().putInt(8, 42);

        Segment held = list.retain(100);
        list.deleteFirst();

        assertThat(held).isSameAs(first);
        assertThat(list.find(100)).isNull();
        assertThat(list.retain(100)).isNull();
        assertThat(first.file()).exists();
        assertThat(held.buffer().getInt(8)).isEqualTo(42);

        held.release();

        assertThat(first.file()).doesNotExist();
        assertThat(first.isMapped()).isFalse();
    }

    @Test
    void retainOfAnOffsetNoSegmentHoldsIsNull() {
        SegmentList list = open(dir(), SIZE);
        list.roll(SIZE);

        assertThat(list.retain(0)).isNull();
        assertThat(list.retain(2 * SIZE)).isNull();
    }

    @Test
    void deleteFirstRemovesTheOldestAndItsFile() throws IOException {
        SegmentList list = open(dir(), SIZE);
        for (int i = 0; i < 3; i++) {
            list.roll(0);
        }

        list.deleteFirst();

        assertThat(bases(list)).containsExactly((long) SIZE, 2L * SIZE);
        assertThat(list.minOffset(0)).isEqualTo(SIZE);
        assertThat(fileNames(dir())).containsExactly(SegmentNames.nameOf(SIZE), SegmentNames.nameOf(2 * SIZE));
    }

    @Test
    void deleteFirstOfAnEmptyListDoesNothing() {
        SegmentList list = open(dir(), SIZE);

        list.deleteFirst();

        assertThat(list.isEmpty()).isTrue();
    }

    @Test
    void deleteFromRemovesSegmentsBeginningAtOrAfterTheOffset() throws IOException {
        SegmentList list = open(dir(), SIZE);
        for (int i = 0; i < 4; i++) {
            list.roll(0);
        }

        assertThat(list.deleteFrom(2L * SIZE + 1)).isEqualTo(1);
        assertThat(bases(list)).containsExactly(0L, (long) SIZE, 2L * SIZE);

        assertThat(list.deleteFrom(SIZE)).isEqualTo(2);
        assertThat(bases(list)).containsExactly(0L);
        assertThat(fileNames(dir())).containsExactly(SegmentNames.nameOf(0));

        assertThat(list.deleteFrom(10L * SIZE)).isZero();
        assertThat(bases(list)).containsExactly(0L);
    }

    @Test
    void rollAfterDeleteFromContinuesAtTheNewEnd() {
        SegmentList list = open(dir(), SIZE);
        for (int i = 0; i < 3; i++) {
            list.roll(0);
        }
        list.deleteFrom(SIZE);

        Segment next = list.roll(0);

        assertThat(next.baseOffset()).isEqualTo(SIZE);
        assertThat(next.buffer().getLong(0)).as("a recreated segment starts empty").isZero();
    }

    @Test
    void addRefusesASegmentThatDoesNotFollowTheLast() {
        SegmentList list = open(dir(), SIZE);
        list.roll(0);
        Segment gap = list.createDetached(2 * SIZE);
        try {
            assertThatThrownBy(() -> list.add(gap)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not follow");
            assertThat(list.count()).isEqualTo(1);
        } finally {
            gap.destroy();
        }
    }

    @Test
    void deleteAllRemovesEveryFileAndTheDirectory() {
        SegmentList list = open(dir(), SIZE);
        list.roll(0);
        list.roll(0);

        list.deleteAll();

        assertThat(list.isEmpty()).isTrue();
        assertThat(dir()).doesNotExist();
    }
}
