package io.couriermq.store.recovery;

import io.couriermq.store.Message;
import io.couriermq.store.MessageProperties;
import io.couriermq.store.record.EncodedRecord;
import io.couriermq.store.record.PropertyCodec;
import io.couriermq.store.record.RecordCheck;
import io.couriermq.store.record.RecordDecoder;
import io.couriermq.store.record.RecordDescriptor;
import io.couriermq.store.record.RecordEncoder;
import io.couriermq.store.segment.Segment;
import io.couriermq.store.segment.SegmentList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one recovery algorithm, run on a real {@link SegmentList} of 1 KiB segments filled by the same encode, copy,
 * seal and end-of-segment steps the writer uses, then damaged the way crashes and bad disks damage logs.
 */
class LogRecoveryTest {

    private static final int SEGMENT_SIZE = 1024;

    @TempDir
    Path dir;

    private SegmentList segments;

    @AfterEach
    void close() {
        if (segments != null) {
            segments.close();
        }
    }

    private TestLog newLog(long base) {
        segments = SegmentList.open(dir.resolve("commitlog"), SEGMENT_SIZE);
        return new TestLog(base);
    }

    /** A span of the log: a record, or an end-of-segment marker with the padding it claims. */
    record Span(long start, long end, boolean marker) {
        boolean contains(long offset) {
            return offset >= start && offset < end;
        }
    }

    /** Writes records as LogWriter does: roll when a record would not fit beside an end-of-segment marker. */
    private final class TestLog {
        final List<Span> spans = new ArrayList<>();
        final CRC32C crc = new CRC32C();
        long position;
        int count;

        TestLog(long base) {
            position = base;
        }

        TestLog append(int records) {
            for (int i = 0; i < records; i++) {
                appendOne();
            }
            return this;
        }

        Span appendOne() {
            int n = count++;
            Message message = new Message("t", 0, 0, Map.of(MessageProperties.MESSAGE_ID, "ID-" + n),
                    ("message-" + n + "-" + "x".repeat((n * 37) % 90)).getBytes(StandardCharsets.UTF_8), n, null);
            EncodedRecord record = RecordEncoder.encode(message, "t".getBytes(StandardCharsets.UTF_8),
                    PropertyCodec.encode(message.properties()), RecordEncoder.encodeHost(new InetSocketAddress(0)));
            Segment segment = segments.find(position);
            if (segment == null) {
                segment = segments.roll(position);
            }
            int at = (int) (position - segment.baseOffset());
            if (at + record.length() + RecordDescriptor.END_OF_SEGMENT_MARKER_LENGTH > segment.size()) {
                endSegment();
                segment = segments.roll(0);
                at = 0;
            }
            record.writeTo(segment.buffer(), at);
            RecordEncoder.seal(segment.buffer(), at, record.length(), n, position, 1_000L + n, crc);
            Span span = new Span(position, position + record.length(), false);
            spans.add(span);
            position = span.end();
            return span;
        }

        /** Pads the rest of the current segment with an end-of-segment marker. */
        void endSegment() {
            Segment segment = segments.find(position);
            int at = (int) (position - segment.baseOffset());
            RecordEncoder.writeEndOfSegment(segment.buffer(), at, segment.size() - at);
            spans.add(new Span(position, segment.endOffset(), true));
            position = segment.endOffset();
        }

        List<Span> records() {
            return spans.stream().filter(s -> !s.marker()).toList();
        }

        Span record(int i) {
            return records().get(i);
        }
    }

    private byte[] bytes(long from, long to) {
        byte[] out = new byte[(int) (to - from)];
        for (long offset = from; offset < to; offset++) {
            out[(int) (offset - from)] = segments.find(offset).buffer().get((int) (offset - segments.find(offset).baseOffset()));
        }
        return out;
    }

    private void put(long offset, byte value) {
        Segment segment = segments.find(offset);
        segment.buffer().put((int) (offset - segment.baseOffset()), value);
    }

    private byte get(long offset) {
        Segment segment = segments.find(offset);
        return segment.buffer().get((int) (offset - segment.baseOffset()));
    }

    private void assertZeroFrom(long offset) throws IOException {
        Segment holding = segments.find(offset);
        for (long at = offset; at < holding.endOffset(); at++) {
            assertThat(get(at)).as("byte at %d", at).isZero();
        }
        byte[] onDisk = Files.readAllBytes(holding.file());
        for (int at = (int) (offset - holding.baseOffset()); at < onDisk.length; at++) {
            assertThat(onDisk[at]).as("file byte at %d", holding.baseOffset() + at).isZero();
        }
    }

    private void assertValidRecords(List<Span> spans) {
        CRC32C crc = new CRC32C();
        for (Span span : spans) {
            Segment segment = segments.find(span.start());
            RecordCheck check = RecordDecoder.check(segment.buffer(), (int) (span.start() - segment.baseOffset()),
                    segment.size(), span.start(), crc);
            assertThat(check.kind()).as("record at %d", span.start()).isEqualTo(RecordCheck.Kind.RECORD);
        }
    }

    @Test
    void emptyLogRecoversToTheStartOffset() {
        segments = SegmentList.open(dir.resolve("commitlog"), SEGMENT_SIZE);

        LogRecovery.Result result = LogRecovery.recover(segments, 123, false);

        assertThat(result).isEqualTo(new LogRecovery.Result(123, 123, 0, -1, 0, null, 0));
    }

    @Test
    void cleanLogIsLeftExactlyAsItWas() {
        TestLog log = newLog(0).append(20);
        assertThat(segments.count()).isGreaterThanOrEqualTo(3);
        long end = segments.last().endOffset();
        byte[] before = bytes(0, end);

        LogRecovery.Result result = LogRecovery.recover(segments, 0, false);

        assertThat(result).isEqualTo(new LogRecovery.Result(0, log.position, 20, -1, 0, null, 0));
        assertThat(bytes(0, end)).isEqualTo(before);
    }

    @Test
    void logEndingWithAMarkerEndsAtTheSegmentEnd() {
        TestLog log = newLog(0).append(3);
        log.endSegment();

        LogRecovery.Result result = LogRecovery.recover(segments, 0, false);

        assertThat(result.validEnd()).isEqualTo(SEGMENT_SIZE);
        assertThat(result.recordsValidated()).isEqualTo(3);
        assertThat(result.truncatedAtOffset()).isEqualTo(-1);
        assertThat(segments.count()).isEqualTo(1);
    }

    @Test
    void tornTailRecordIsCutAndItsBytesZeroed() throws IOException {
        TestLog log = newLog(0).append(12);
        Span torn = log.record(11);
        long tornFrom = torn.start() + (torn.end() - torn.start()) / 2;
        for (long at = tornFrom; at < torn.end(); at++) {
            put(at, (byte) 0);
        }
        long lastNonZero = torn.start();
        for (long at = torn.start(); at < tornFrom; at++) {
            if (get(at) != 0) {
                lastNonZero = at;
            }
        }
        int segmentCount = segments.count();

        LogRecovery.Result result = LogRecovery.recover(segments, 0, false);

        assertThat(result.validEnd()).isEqualTo(torn.start());
        assertThat(result.truncatedAtOffset()).isEqualTo(torn.start());
        assertThat(result.recordsValidated()).isEqualTo(11);
        assertThat(result.discardedBytes()).isEqualTo(lastNonZero - torn.start() + 1);
        assertThat(result.problem()).isNotBlank();
        assertThat(result.segmentsDeleted()).isZero();
        assertThat(segments.count()).isEqualTo(segmentCount);
        assertZeroFrom(torn.start());
        assertValidRecords(log.records().subList(0, 11));
    }

    @Test
    void aTornRecordIsCutAndZeroedEvenWhenTheLastShutdownWasClean() throws IOException {
        TestLog log = newLog(0).append(12);
        Span torn = log.record(11);
        put(torn.start() + 20, (byte) ~get(torn.start() + 20));

        LogRecovery.Result result = LogRecovery.recover(segments, 0, true);

        assertThat(result.truncatedAtOffset()).isEqualTo(torn.start());
        assertZeroFrom(torn.start());
        assertValidRecords(log.records().subList(0, 11));
    }

    @Test
    void unwrittenTailIsTheEndOfDataNotACut() {
        TestLog log = newLog(0).append(10);
        Span last = log.record(9);
        for (long at = last.start(); at < last.end(); at++) {
            put(at, (byte) 0);
        }
        int segmentCount = segments.count();

        LogRecovery.Result result = LogRecovery.recover(segments, 0, false);

        assertThat(result.validEnd()).isEqualTo(last.start());
        assertThat(result.truncatedAtOffset()).isEqualTo(-1);
        assertThat(result.discardedBytes()).isZero();
        assertThat(result.problem()).isNull();
        assertThat(segments.count()).isEqualTo(segmentCount);
    }

    @Test
    void damageInAnEarlierSegmentCutsThereAndDeletesEveryLaterSegment() throws IOException {
        TestLog log = newLog(0).append(30);
        assertThat(segments.count()).isGreaterThanOrEqualTo(4);
        Span damaged = log.records().stream().filter(s -> s.start() >= SEGMENT_SIZE).skip(1).findFirst().orElseThrow();
        long bodyByte = damaged.end() - 2;
        put(bodyByte, (byte) (get(bodyByte) ^ 0x10));
        List<Path> later = segments.snapshot().stream().filter(s -> s.baseOffset() > damaged.start())
                .map(Segment::file).toList();
        int laterCount = later.size();
        assertThat(laterCount).isGreaterThanOrEqualTo(2);

        LogRecovery.Result result = LogRecovery.recover(segments, 0, false);

        assertThat(result.validEnd()).isEqualTo(damaged.start());
        assertThat(result.truncatedAtOffset()).isEqualTo(damaged.start());
        assertThat(result.problem()).contains("CRC");
        assertThat(result.segmentsDeleted()).isEqualTo(laterCount);
        assertThat(segments.last().contains(damaged.start())).isTrue();
        assertThat(later).allSatisfy(file -> assertThat(file).doesNotExist());
        assertZeroFrom(damaged.start());
        assertValidRecords(log.records().stream().filter(s -> s.end() <= damaged.start()).toList());
    }

    /** Kafka's corrupt-message test, our way: garbage from a random point to the end, ten times over. */
    @RepeatedTest(10)
    void garbageFromARandomPointLeavesExactlyTheValidPrefix(RepetitionInfo repetition) throws IOException {
        long seed = 0x5EED_0000L + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        TestLog log = newLog(0).append(25 + random.nextInt(10));
        long from = random.nextLong(log.position);
        Span hit = log.spans.stream().filter(s -> s.contains(from)).findFirst().orElseThrow();
        writeGarbage(from, segments.last().endOffset(), random);
        long expectedEnd = hit.marker() && from >= hit.start() + RecordDescriptor.END_OF_SEGMENT_MARKER_LENGTH
                ? hit.end() : hit.start();
        long expectedRecords = log.records().stream().filter(s -> s.end() <= expectedEnd).count();
        Segment holding = segments.find(expectedEnd);
        long expectedDiscarded = lastNonZero(holding, expectedEnd) - expectedEnd + 1;
        long expectedDeleted = segments.snapshot().stream().filter(s -> s.baseOffset() > expectedEnd).count();

        LogRecovery.Result result = LogRecovery.recover(segments, 0, false);

        String context = "seed " + seed + ", garbage from " + from + " in " + hit;
        assertThat(result.validEnd()).as(context).isEqualTo(expectedEnd);
        assertThat(result.truncatedAtOffset()).as(context).isEqualTo(expectedEnd);
        assertThat(result.recordsValidated()).as(context).isEqualTo(expectedRecords);
        assertThat(result.discardedBytes()).as(context).isEqualTo(expectedDiscarded);
        assertThat(result.segmentsDeleted()).as(context).isEqualTo(expectedDeleted);
        assertThat(segments.last()).as(context).isSameAs(holding);
        assertZeroFrom(expectedEnd);
        assertValidRecords(log.records().stream().filter(s -> s.end() <= expectedEnd).toList());
    }

    private void writeGarbage(long from, long to, Random random) {
        byte first = get(from);
        put(from, (byte) (first ^ (1 + random.nextInt(255))));
        for (long at = from + 1; at < to; at++) {
            put(at, (byte) random.nextInt(256));
        }
    }

    private static long lastNonZero(Segment segment, long from) {
        ByteBuffer buffer = segment.buffer();
        for (int at = segment.size() - 1; at >= from - segment.baseOffset(); at--) {
            if (buffer.get(at) != 0) {
                return segment.baseOffset() + at;
            }
        }
        return from - 1;
    }

    @Test
    void recoveringARecoveredLogChangesNothing() {
        TestLog log = newLog(0).append(12);
        put(log.record(8).start() + 30, (byte) 0x7F);
        LogRecovery.Result first = LogRecovery.recover(segments, 0, false);
        byte[] after = bytes(0, segments.last().endOffset());

        LogRecovery.Result second = LogRecovery.recover(segments, 0, false);

        assertThat(second).isEqualTo(new LogRecovery.Result(0, first.validEnd(), 8, -1, 0, null, 0));
        assertThat(bytes(0, segments.last().endOffset())).isEqualTo(after);
    }

    @Test
    void startOffsetInsideTheLogValidatesOnlyFromThere() {
        TestLog log = newLog(0).append(20);
        long checkpoint = log.record(12).start();

        LogRecovery.Result result = LogRecovery.recover(segments, checkpoint, false);

        assertThat(result.scanStartOffset()).isEqualTo(checkpoint);
        assertThat(result.recordsValidated()).isEqualTo(8);
        assertThat(result.validEnd()).isEqualTo(log.position);
    }

    @Test
    void startOffsetThatNoSegmentHoldsFallsBackToTheFirstSegment() {
        long base = 4L * SEGMENT_SIZE;
        TestLog log = newLog(base).append(15);

        LogRecovery.Result below = LogRecovery.recover(segments, 0, false);
        LogRecovery.Result beyond = LogRecovery.recover(segments, 1_000_000, false);

        assertThat(below.scanStartOffset()).isEqualTo(base);
        assertThat(below.recordsValidated()).isEqualTo(15);
        assertThat(below.validEnd()).isEqualTo(log.position);
        assertThat(beyond.scanStartOffset()).isEqualTo(base);
        assertThat(beyond.recordsValidated()).isEqualTo(15);
        assertThat(beyond.truncatedAtOffset()).isEqualTo(-1);
    }

    /**
     * Regression guard for the store-level consequence of
     * {@code RecordDecoderTest.hugePropertiesLengthIsCorruptNotAnException}: a damaged properties-length field
     * near Integer.MAX_VALUE makes RecordDecoder.check throw, so recovery throws and the store cannot open,
     * instead of cutting the log before the damaged record.
     */
    @Test
    void recordWithAWrappingPropertiesLengthIsCutNotThrown() {
        TestLog log = newLog(0).append(6);
        Span damaged = log.record(5);
        long propertiesLengthAt = damaged.start() + RecordDescriptor.propertiesLengthOffset(1);
        for (int i = 0; i < 4; i++) {
            put(propertiesLengthAt + i, (byte) (i == 0 ? 0x7F : 0xFF));
        }

        LogRecovery.Result result = LogRecovery.recover(segments, 0, false);

        assertThat(result.validEnd()).isEqualTo(damaged.start());
        assertThat(result.recordsValidated()).isEqualTo(5);
    }
}
