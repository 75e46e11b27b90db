package io.couriermq.store.record;

import io.couriermq.store.Message;
import io.couriermq.store.MessageProperties;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;

import static io.couriermq.store.record.RecordDescriptor.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link RecordDecoder#check} classifies what lies at a log position, and {@link RecordDecoder#peekKind}.
 * Recovery trusts this classification to find the end of the log, so every damaged record must come out CORRUPT
 * (never an exception, never RECORD).
 */
class RecordDecoderTest {

    private static final int AT = 40;
    private static final long OFFSET = 1_048_576L + AT;

    private final CRC32C crc = new CRC32C();

    @Example
    void validRecordIsARecordOfItsLength() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);

        assertThat(RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc))
                .isEqualTo(new RecordCheck(RecordCheck.Kind.RECORD, length, null));
    }

    @Example
    void positionAtTheLimitIsTheEndOfTheSegment() {
        ByteBuffer log = ByteBuffer.allocate(256);

        assertThat(RecordDecoder.check(log, 256, 256, OFFSET, crc))
                .isEqualTo(new RecordCheck(RecordCheck.Kind.END_OF_SEGMENT, 0, null));
    }

    @Example
    void fewerBytesLeftThanAMarkerNeedsIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(256);
        for (int left = 1; left < END_OF_SEGMENT_MARKER_LENGTH; left++) {
            RecordCheck check = RecordDecoder.check(log, 256 - left, 256, OFFSET, crc);

            assertThat(check.kind()).as("%d bytes left", left).isEqualTo(RecordCheck.Kind.CORRUPT);
            assertThat(check.problem()).contains("only " + left + " bytes left");
        }
    }

    @Example
    void markerReachingTheSegmentEndIsTheEndOfTheSegment() {
        ByteBuffer log = ByteBuffer.allocate(256);
        RecordEncoder.writeEndOfSegment(log, AT, 256 - AT);

        assertThat(RecordDecoder.check(log, AT, 256, OFFSET, crc))
                .isEqualTo(new RecordCheck(RecordCheck.Kind.END_OF_SEGMENT, 256 - AT, null));
    }

    @Example
    void smallestMarkerFillingTheLastEightBytesIsTheEndOfTheSegment() {
        ByteBuffer log = ByteBuffer.allocate(256);
        RecordEncoder.writeEndOfSegment(log, 248, 8);

        assertThat(RecordDecoder.check(log, 248, 256, OFFSET, crc).kind()).isEqualTo(RecordCheck.Kind.END_OF_SEGMENT);
    }

    @Example
    void markerThatDoesNotReachTheSegmentEndIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(256);
        RecordEncoder.writeEndOfSegment(log, AT, 256 - AT - 1);

        RecordCheck check = RecordDecoder.check(log, AT, 256, OFFSET, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.length()).isZero();
        assertThat(check.problem()).contains("does not reach the segment end");
    }

    @Example
    void markerLongerThanTheRestOfTheSegmentIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(256);
        RecordEncoder.writeEndOfSegment(log, AT, 256 - AT + 1);

        assertThat(RecordDecoder.check(log, AT, 256, OFFSET, crc).kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
    }

    @Example
    void zeroesAreTheEndOfData() {
        ByteBuffer log = ByteBuffer.allocate(256);

        assertThat(RecordDecoder.check(log, AT, 256, OFFSET, crc))
                .isEqualTo(new RecordCheck(RecordCheck.Kind.END_OF_DATA, 0, null));
    }

    @Example
    void zeroLengthWithAMagicOrAMagicOfZeroWithALengthIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(256);
        log.putInt(AT + MAGIC_OFFSET, RECORD_MAGIC);
        assertThat(RecordDecoder.check(log, AT, 256, OFFSET, crc).kind()).isEqualTo(RecordCheck.Kind.CORRUPT);

        log.putInt(AT + MAGIC_OFFSET, 0);
        log.putInt(AT + LENGTH_OFFSET, 120);
        assertThat(RecordDecoder.check(log, AT, 256, OFFSET, crc).kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
    }

    @Example
    void badMagicIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        writeRecord(log, AT, OFFSET);
        log.putInt(AT + MAGIC_OFFSET, 0xC0DE_0002);

        RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.problem()).contains("bad magic 0xc0de0002");
    }

    @Example
    void lengthBelowTheSmallestRecordIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        writeRecord(log, AT, OFFSET);
        log.putInt(AT + LENGTH_OFFSET, MIN_RECORD_LENGTH - 1);

        RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.problem()).contains("out of bounds");
    }

    @Example
    void negativeLengthIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        writeRecord(log, AT, OFFSET);
        log.putInt(AT + LENGTH_OFFSET, -200);

        assertThat(RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc).problem()).contains("out of bounds");
    }

    @Example
    void recordMustLeaveRoomForAnEndOfSegmentMarker() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);

        assertThat(RecordDecoder.check(log, AT, AT + length + END_OF_SEGMENT_MARKER_LENGTH, OFFSET, crc).kind())
                .isEqualTo(RecordCheck.Kind.RECORD);
        RecordCheck filling = RecordDecoder.check(log, AT, AT + length + END_OF_SEGMENT_MARKER_LENGTH - 1, OFFSET, crc);
        assertThat(filling.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(filling.problem()).contains("out of bounds");
    }

    @Example
    void recordNamingAnotherOffsetIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        writeRecord(log, AT, OFFSET);

        RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET + 1, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.problem()).contains("claims offset " + OFFSET);
    }

    @Example
    void bodyLengthNotAddingUpIsCorruptEvenWithAMatchingCrc() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);
        int bodyLengthAt = AT + bodyLengthOffset(topicLength(log), propertiesLength(log));
        log.putInt(bodyLengthAt, log.getInt(bodyLengthAt) - 1);
        resealCrc(log, length);

        RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.problem()).contains("do not add up");
    }

    @Example
    void topicLengthOverrunningTheRecordIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);
        log.putShort(AT + TOPIC_LENGTH_OFFSET, (short) length);
        resealCrc(log, length);

        RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.problem()).contains("topic length");
    }

    @Example
    void negativePropertiesLengthIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);
        log.putInt(AT + propertiesLengthOffset(topicLength(log)), -1);
        resealCrc(log, length);

        RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.problem()).contains("properties length -1");
    }

    /**
     * Regression guard: {@code checkLayout} adds the stored properties length to the field offset in
     * int arithmetic; a length near {@link Integer#MAX_VALUE} wraps the sum negative, passes the bounds test, and
     * the following {@code getInt} at a negative index throws IndexOutOfBoundsException out of check(), so
     * recovery of a log holding such garbage fails instead of truncating it.
     */
    @Example
    void hugePropertiesLengthIsCorruptNotAnException() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);
        log.putInt(AT + propertiesLengthOffset(topicLength(log)), Integer.MAX_VALUE);
        resealCrc(log, length);

        RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc);

        assertThat(check.kind()).isEqualTo(RecordCheck.Kind.CORRUPT);
        assertThat(check.problem()).contains("properties length");
    }

    @Example
    void everySingleBitFlipInARecordIsCorrupt() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);
        for (int bit = 0; bit < length * 8; bit++) {
            flip(log, AT, bit);
            RecordCheck check = RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc);
            flip(log, AT, bit);

            assertThat(check.kind()).as("bit %d (byte %d) flipped", bit, bit / 8).isEqualTo(RecordCheck.Kind.CORRUPT);
        }
        assertThat(RecordDecoder.check(log, AT, log.capacity(), OFFSET, crc).kind())
                .isEqualTo(RecordCheck.Kind.RECORD);
    }

    @Property(tries = 500)
    void aSingleFlippedBitAnywhereMakesAnyRecordCorrupt(
            @ForAll @StringLength(max = 30) String topic,
            @ForAll @Size(max = 4) Map<@AlphaChars @StringLength(max = 10) String, @StringLength(max = 20) String> props,
            @ForAll @Size(max = 300) byte[] body,
            @ForAll @IntRange(max = 200) int position,
            @ForAll @IntRange(max = Integer.MAX_VALUE) int bitChoice) {
        ByteBuffer log = ByteBuffer.allocate(4096);
        Message message = new Message(topic, 3, 0, props, body, 1L, null);
        int length = RecordEncoderTest.sealInto(log, position, message, new InetSocketAddress(0), 5L, OFFSET, 2L);
        assertThat(RecordDecoder.check(log, position, log.capacity(), OFFSET, crc).kind())
                .isEqualTo(RecordCheck.Kind.RECORD);
        int bit = bitChoice % (length * 8);

        flip(log, position, bit);

        assertThat(RecordDecoder.check(log, position, log.capacity(), OFFSET, crc).kind())
                .as("bit %d of %d-byte record", bit, length).isEqualTo(RecordCheck.Kind.CORRUPT);
    }

    @Example
    void peekKindTellsRecordsMarkersAndTheEndApart() {
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = writeRecord(log, AT, OFFSET);
        RecordEncoder.writeEndOfSegment(log, AT + length, 1024 - AT - length);

        assertThat(RecordDecoder.peekKind(log, AT, 1024)).isEqualTo(RecordCheck.Kind.RECORD);
        assertThat(RecordDecoder.peekKind(log, AT + length, 1024)).isEqualTo(RecordCheck.Kind.END_OF_SEGMENT);
        assertThat(RecordDecoder.peekKind(log, 0, 1024)).isEqualTo(RecordCheck.Kind.END_OF_DATA);
        assertThat(RecordDecoder.peekKind(log, 1020, 1024)).isEqualTo(RecordCheck.Kind.END_OF_SEGMENT);
        log.putInt(4 + MAGIC_OFFSET, 0x1234_5678);
        assertThat(RecordDecoder.peekKind(log, 4, 1024)).isEqualTo(RecordCheck.Kind.CORRUPT);
    }

    private static int writeRecord(ByteBuffer log, int at, long physicalOffset) {
        Message message = new Message("orders", 2, 1,
                Map.of(MessageProperties.TAGS, "TagA", MessageProperties.KEYS, "k1", "x", "y"),
                "hello, world".getBytes(StandardCharsets.UTF_8), 11L, null);
        return RecordEncoderTest.sealInto(log, at, message, new InetSocketAddress(0), 7L, physicalOffset, 13L);
    }

    private static int topicLength(ByteBuffer log) {
        return Short.toUnsignedInt(log.getShort(AT + TOPIC_LENGTH_OFFSET));
    }

    private static int propertiesLength(ByteBuffer log) {
        return log.getInt(AT + propertiesLengthOffset(topicLength(log)));
    }

    /** Makes the CRC match tampered bytes, so that only the layout check can catch them. */
    private void resealCrc(ByteBuffer log, int length) {
        log.putInt(AT + CRC_OFFSET, RecordEncoder.crcOf(log, AT, length, crc));
    }

    private static void flip(ByteBuffer log, int at, int bit) {
        int index = at + bit / 8;
        log.put(index, (byte) (log.get(index) ^ (1 << (bit % 8))));
    }
}
