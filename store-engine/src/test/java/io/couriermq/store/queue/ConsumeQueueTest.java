package io.couriermq.store.queue;

import io.couriermq.store.segment.SegmentNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One consume queue over real files of 10 entries each, so a few dozen entries span several files. Entry
 * {@code n} points at log offset {@code n * 100} with size 100, so the log end an entry needs is easy to read.
 */
class ConsumeQueueTest {

    private static final int PER_SEGMENT = 10;
    private static final int SEGMENT_BYTES = PER_SEGMENT * ConsumeQueue.ENTRY_SIZE;
    private static final int RECORD = 100;

    @TempDir
    Path dir;

    private ConsumeQueue queue;

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    private ConsumeQueue open() {
        if (queue != null) {
            queue.close();
        }
        queue = ConsumeQueue.open(dir, "orders", 3, PER_SEGMENT);
        return queue;
    }

    private void putRange(long from, long toExclusive) {
        for (long offset = from; offset < toExclusive; offset++) {
            queue.put(offset, offset * RECORD, RECORD, offset * 7);
        }
    }

    private static QueueEntry expected(long offset) {
        return new QueueEntry(offset, offset * RECORD, RECORD, offset * 7);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String fileFor(long queueOffset) {
        long position = queueOffset * ConsumeQueue.ENTRY_SIZE;
        return SegmentNames.nameOf(position - position % SEGMENT_BYTES);
    }

    @Test
    void emptyQueueHoldsNothing() throws IOException {
        open();

        assertThat(queue.minOffset()).isZero();
        assertThat(queue.maxOffset()).isZero();
        assertThat(queue.get(0)).isNull();
        assertThat(queue.read(0, 10)).isEmpty();
        assertThat(queue.topic()).isEqualTo("orders");
        assertThat(queue.queueId()).isEqualTo(3);
        assertThat(files()).isEmpty();
    }

    @Test
    void entriesSpanSeveralFilesAndReadBack() throws IOException {
        open();

        putRange(0, 25);

        assertThat(queue.minOffset()).isZero();
        assertThat(queue.maxOffset()).isEqualTo(25);
        assertThat(files()).containsExactly(fileFor(0), fileFor(10), fileFor(20));
        for (long offset = 0; offset < 25; offset++) {
            assertThat(queue.get(offset)).isEqualTo(expected(offset));
        }
        assertThat(queue.get(25)).isNull();
        assertThat(queue.get(-1)).isNull();
    }

    @Test
    void readStopsAtMaxEntriesTheQueueEndAndTheSegmentEnd() {
        open();
        putRange(0, 25);

        assertThat(queue.read(10, 4)).containsExactly(expected(10), expected(11), expected(12), expected(13));
        assertThat(queue.read(5, 100)).as("stops at the end of the first file")
                .containsExactlyElementsOf(LongStream.range(5, 10).mapToObj(ConsumeQueueTest::expected).toList());
        assertThat(queue.read(23, 100)).containsExactly(expected(23), expected(24));
        assertThat(queue.read(25, 100)).isEmpty();
        assertThat(queue.read(3, 0)).isEmpty();
    }

    @Test
    void reopeningFindsTheOffsetRangeAndEntries() {
        open();
        putRange(0, 25);

        open();

        assertThat(queue.minOffset()).isZero();
        assertThat(queue.maxOffset()).isEqualTo(25);
        assertThat(queue.get(24)).isEqualTo(expected(24));
        queue.put(25, 2500, RECORD, 175);
        assertThat(queue.maxOffset()).isEqualTo(26);
    }

    @Test
    void reopeningAQueueWhoseLastFileIsExactlyFull() {
        open();
        putRange(0, 20);

        open();

        assertThat(queue.maxOffset()).isEqualTo(20);
        assertThat(queue.get(19)).isEqualTo(expected(19));
    }

    @Test
    void queueStartingAt1000HasMinOffset1000AndKeepsItAcrossReopen() throws IOException {
        open();

        putRange(1000, 1004);

        assertThat(queue.minOffset()).isEqualTo(1000);
        assertThat(queue.maxOffset()).isEqualTo(1004);
        assertThat(queue.get(999)).isNull();
        assertThat(queue.read(1000, 10)).hasSize(4);
        assertThat(files()).containsExactly(fileFor(1000));

        open();

        assertThat(queue.minOffset()).isEqualTo(1000);
        assertThat(queue.maxOffset()).isEqualTo(1004);
        assertThat(queue.get(1003)).isEqualTo(expected(1003));
    }

    @Test
    void queueStartingInsideAFileFindsItsFirstEntryOnReopen() {
        open();
        putRange(1005, 1013);

        open();

        assertThat(queue.minOffset()).isEqualTo(1005);
        assertThat(queue.maxOffset()).isEqualTo(1013);
        assertThat(queue.get(1005)).isEqualTo(expected(1005));
    }

    @Test
    void replayRewritesInPlaceWithoutMovingTheRange() {
        open();
        putRange(0, 15);

        queue.put(3, 99_999, 17, 42);
        queue.put(14, 14 * RECORD, RECORD, 14 * 7);

        assertThat(queue.get(3)).isEqualTo(new QueueEntry(3, 99_999, 17, 42));
        assertThat(queue.maxOffset()).isEqualTo(15);
        assertThat(queue.minOffset()).isZero();
        assertThat(queue.get(2)).isEqualTo(expected(2));
        assertThat(queue.get(4)).isEqualTo(expected(4));
    }

    @Test
    void truncateToLogDropsEntriesReachingPastTheLogEnd() throws IOException {
        open();
        putRange(0, 25);

        long dropped = queue.truncateToLog(1250);

        assertThat(dropped).isEqualTo(13);
        assertThat(queue.maxOffset()).isEqualTo(12);
        assertThat(queue.get(11)).isEqualTo(expected(11));
        assertThat(queue.get(12)).isNull();
        assertThat(files()).containsExactly(fileFor(0), fileFor(10));

        open();

        assertThat(queue.maxOffset()).as("dropped entries were cleared on disk").isEqualTo(12);
        assertThat(queue.get(11)).isEqualTo(expected(11));
    }

    @Test
    void entryStartingExactlyAtTheLogEndIsDropped() {
        open();
        putRange(0, 5);

        assertThat(queue.truncateToLog(400)).isEqualTo(1);

        assertThat(queue.maxOffset()).isEqualTo(4);
        assertThat(queue.get(3)).isEqualTo(expected(3));
    }

    @Test
    void truncateToLogAtTheQueueEndDropsNothing() throws IOException {
        open();
        putRange(0, 25);

        assertThat(queue.truncateToLog(2500)).isZero();

        assertThat(queue.maxOffset()).isEqualTo(25);
        assertThat(files()).hasSize(3);
    }

    @Test
    void truncateToAFileBoundaryKeepsTheFileTheNextEntryGoesTo() {
        open();
        putRange(0, 25);

        assertThat(queue.truncateToLog(2000)).isEqualTo(5);
        assertThat(queue.maxOffset()).isEqualTo(20);

        open();
        assertThat(queue.maxOffset()).isEqualTo(20);
        queue.put(20, 5000, RECORD, 1);
        assertThat(queue.get(20)).isEqualTo(new QueueEntry(20, 5000, RECORD, 1));
        assertThat(queue.maxOffset()).isEqualTo(21);
    }

    @Test
    void truncateToLogBelowEveryEntryEmptiesTheQueue() {
        open();
        putRange(1000, 1015);

        assertThat(queue.truncateToLog(0)).isEqualTo(15);

        assertThat(queue.maxOffset()).isEqualTo(queue.minOffset());
        assertThat(queue.read(queue.minOffset(), 100)).isEmpty();
    }

    @Test
    void deleteBeforeLogDeletesWholeFilesAndMovesTheMinimum() throws IOException {
        open();
        putRange(0, 25);

        queue.deleteBeforeLog(1050);

        assertThat(files()).containsExactly(fileFor(10), fileFor(20));
        assertThat(queue.minOffset()).isEqualTo(11);
        assertThat(queue.maxOffset()).isEqualTo(25);
        assertThat(queue.get(10)).isNull();
        assertThat(queue.get(11)).isEqualTo(expected(11));
        assertThat(queue.read(0, 5)).isEmpty();
    }

    @Test
    void deleteBeforeLogKeepsTheLastFile() throws IOException {
        open();
        putRange(0, 25);

        queue.deleteBeforeLog(1_000_000);

        assertThat(files()).containsExactly(fileFor(20));
        assertThat(queue.minOffset()).isEqualTo(25);
        assertThat(queue.maxOffset()).isEqualTo(25);
        assertThat(queue.read(20, 10)).isEmpty();
        queue.put(25, 2500, RECORD, 1);
        assertThat(queue.read(25, 10)).containsExactly(new QueueEntry(25, 2500, RECORD, 1));
    }

    @Test
    void putBelowTheFirstFileAfterRetentionIsIgnored() throws IOException {
        open();
        putRange(0, 25);
        queue.deleteBeforeLog(1050);

        queue.put(2, 200, RECORD, 14);

        assertThat(files()).doesNotContain(fileFor(0));
        assertThat(queue.get(2)).isNull();
        assertThat(queue.minOffset()).isEqualTo(11);
        assertThat(queue.maxOffset()).isEqualTo(25);
    }

    /**
     * Regression guard. When retention moves the minimum to the end of the only (full) file, and the queue
     * then grows into a new file, the old file is never deleted again: {@code deleteBeforeLog} asks {@code get} for
     * the old file's last entry, {@code get} answers null for anything below the minimum, and null means "stop".
     * Every later file then stays too, so the queue's files grow without bound until the store restarts.
     */
    @Test
    void fileWhollyBelowTheMinimumIsDeletedOnceANewerFileExists() throws IOException {
        open();
        putRange(0, 10);
        queue.deleteBeforeLog(1000);
        assertThat(queue.minOffset()).isEqualTo(10);

        putRange(10, 25);
        queue.deleteBeforeLog(2000);

        assertThat(queue.minOffset()).isEqualTo(20);
        assertThat(files()).containsExactly(fileFor(20));
    }
}
