package io.couriermq.store.record;

import io.couriermq.store.Message;
import io.couriermq.store.MessageProperties;
import io.couriermq.store.StoredMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encode, copy into a log buffer, seal, then decode: every field the message carries and every field the writer
 * stamps must come back unchanged. Records are placed at a non-zero position so that absolute offsets are tested.
 */
class RecordEncoderTest {

    private static final int AT = 64;

    @Test
    void everyFieldSurvivesEncodeSealDecode() throws UnknownHostException {
        Map<String, String> properties = Map.of(
                MessageProperties.TAGS, "TagA",
                MessageProperties.KEYS, "order-1 order-2",
                MessageProperties.MESSAGE_ID, "ID-0001",
                "ключ", "値 🎉 \u0000 = ; \n");
        byte[] body = "body ✓ with unicode".getBytes(StandardCharsets.UTF_8);
        InetSocketAddress bornHost = new InetSocketAddress(InetAddress.getByName("192.168.1.20"), 5555);
        InetSocketAddress storeHost = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 10911);
        Message message = new Message("topic-ü", 7, 0x5A5A_0F0F, properties, body, 1_700_000_000_123L, bornHost);

        ByteBuffer log = ByteBuffer.allocate(4096);
        int length = sealInto(log, AT, message, storeHost, 42L, 1_000_064L, 1_700_000_000_456L);

        assertThat(RecordDecoder.check(log, AT, log.capacity(), 1_000_064L, new CRC32C()))
                .isEqualTo(new RecordCheck(RecordCheck.Kind.RECORD, length, null));
        StoredMessage stored = RecordDecoder.decode(log, AT);
        assertThat(stored.physicalOffset()).isEqualTo(1_000_064L);
        assertThat(stored.recordSize()).isEqualTo(length);
        assertThat(stored.topic()).isEqualTo("topic-ü");
        assertThat(stored.queueId()).isEqualTo(7);
        assertThat(stored.queueOffset()).isEqualTo(42L);
        assertThat(stored.flags()).isEqualTo(0x5A5A_0F0F);
        assertThat(stored.bornTimestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(stored.storeTimestamp()).isEqualTo(1_700_000_000_456L);
        assertThat(stored.bornHost()).isEqualTo(bornHost);
        assertThat(stored.storeHost()).isEqualTo(storeHost);
        assertThat(stored.properties()).isEqualTo(properties);
        assertThat(stored.body()).isEqualTo(body);
        assertThat(stored.nextPhysicalOffset()).isEqualTo(1_000_064L + length);
        assertThat(RecordDecoder.storeTimestamp(log, AT)).isEqualTo(1_700_000_000_456L);
    }

    @Test
    void entryCarriesWhatDerivedStoresNeedIncludingTheTagHash() {
        Map<String, String> properties = Map.of(MessageProperties.TAGS, "TagA",
                MessageProperties.KEYS, " k1  k2 ", MessageProperties.MESSAGE_ID, "ID-7");
        Message message = new Message("orders", 3, 0, properties, new byte[] {1, 2, 3}, 5L, null);
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = sealInto(log, AT, message, new InetSocketAddress(0), 9L, 777L, 12_345L);

        LogEntry entry = RecordDecoder.decodeEntry(log, AT);

        assertThat(entry).isEqualTo(new LogEntry(777L, length, "orders", 3, 9L, "TagA".hashCode(), 12_345L,
                "ID-7", " k1  k2 "));
        assertThat(entry.keyList()).containsExactly("k1", "k2");
        assertThat(entry.messageId()).isEqualTo("ID-7");
        assertThat(entry.endOffset()).isEqualTo(777L + length);
    }

    @Test
    void messageWithoutTagHashesToZero() {
        Message message = new Message("t", 0, 0, Map.of("other", "x"), new byte[] {1}, 0L, null);
        ByteBuffer log = ByteBuffer.allocate(1024);
        sealInto(log, 0, message, new InetSocketAddress(0), 0L, 0L, 0L);

        assertThat(RecordDecoder.decodeEntry(log, 0).tagHash()).isZero();
    }

    @Test
    void smallestRecordHasEmptyTopicPropertiesAndBody() {
        Message message = new Message("", 0, 0, Map.of(), new byte[0], 0L, null);
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = sealInto(log, 0, message, new InetSocketAddress(0), 0L, 0L, 0L);

        assertThat(length).isEqualTo(RecordDescriptor.MIN_RECORD_LENGTH);
        assertThat(RecordDecoder.check(log, 0, log.capacity(), 0L, new CRC32C()).kind())
                .isEqualTo(RecordCheck.Kind.RECORD);
        StoredMessage stored = RecordDecoder.decode(log, 0);
        assertThat(stored.topic()).isEmpty();
        assertThat(stored.properties()).isEmpty();
        assertThat(stored.body()).isEmpty();
    }

    @Test
    void encodedRecordKnowsItsTopicQueueAndLength() {
        Message message = new Message("tópico", 5, 0, Map.of("a", "b"), new byte[10], 0L, null);
        byte[] topic = message.topic().getBytes(StandardCharsets.UTF_8);
        byte[] properties = PropertyCodec.encode(message.properties());

        EncodedRecord record = RecordEncoder.encode(message, topic, properties, RecordEncoder.encodeHost(new InetSocketAddress(0)));

        assertThat(record.topic()).isEqualTo("tópico");
        assertThat(record.queueId()).isEqualTo(5);
        assertThat(record.length()).isEqualTo(RecordDescriptor.recordLength(topic.length, properties.length, 10));
        ByteBuffer log = ByteBuffer.allocate(record.length());
        record.writeTo(log, 0);
        assertThat(log.getInt(RecordDescriptor.LENGTH_OFFSET)).isEqualTo(record.length());
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void hostsSurviveTheRoundTrip(InetSocketAddress host, InetSocketAddress expected) {
        Message message = new Message("t", 0, 0, Map.of(), new byte[] {1}, 0L, host);
        ByteBuffer log = ByteBuffer.allocate(1024);
        sealInto(log, 0, message, host, 0L, 0L, 0L);

        StoredMessage stored = RecordDecoder.decode(log, 0);

        assertThat(stored.bornHost()).isEqualTo(expected);
        assertThat(stored.storeHost()).isEqualTo(expected);
        assertThat(stored.bornHost().getAddress().getAddress()).isEqualTo(expected.getAddress().getAddress());
    }

    static Stream<Arguments> hosts() throws UnknownHostException {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 65535);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("fe80::1:2:3:4"), 1);
        InetSocketAddress v6Max = new InetSocketAddress(
                InetAddress.getByName("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"), 8080);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("broker.invalid", 9876);
        InetSocketAddress unresolvedAsRead = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 9876);
        return Stream.of(
                Arguments.of(v4, v4),
                Arguments.of(v6, v6),
                Arguments.of(v6Max, v6Max),
                Arguments.of(loopback, loopback),
                Arguments.of(unresolved, unresolvedAsRead));
    }

    @Test
    void ipv4IsStoredMappedIntoIpv6() throws UnknownHostException {
        InetSocketAddress host = new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 258);
        Message message = new Message("t", 0, 0, Map.of(), new byte[] {1}, 0L, host);
        ByteBuffer log = ByteBuffer.allocate(1024);
        sealInto(log, 0, message, host, 0L, 0L, 0L);

        byte[] raw = new byte[RecordDescriptor.HOST_LENGTH];
        log.get(RecordDescriptor.BORN_HOST_OFFSET, raw);

        assertThat(raw).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 1, 2, 3, 4, 0, 0, 1, 2);
    }

    @Test
    void sealStampsWriterFieldsAndCrcWithoutTouchingTheRest() {
        Message message = new Message("t", 1, 2, Map.of("p", "v"), new byte[] {9, 9}, 3L, null);
        ByteBuffer log = ByteBuffer.allocate(1024);
        int length = sealInto(log, AT, message, new InetSocketAddress(0), 100L, 200L, 300L);
        byte[] before = new byte[length];
        log.get(AT, before);

        RecordEncoder.seal(log, AT, length, 101L, 200L, 301L, new CRC32C());

        StoredMessage resealed = RecordDecoder.decode(log, AT);
        assertThat(resealed.queueOffset()).isEqualTo(101L);
        assertThat(resealed.storeTimestamp()).isEqualTo(301L);
        assertThat(RecordDecoder.check(log, AT, log.capacity(), 200L, new CRC32C()).kind())
                .isEqualTo(RecordCheck.Kind.RECORD);
        byte[] after = new byte[length];
        log.get(AT, after);
        for (int i = 0; i < length; i++) {
            boolean stamped = (i >= RecordDescriptor.CRC_OFFSET && i < RecordDescriptor.CRC_OFFSET + 4)
                    || (i >= RecordDescriptor.QUEUE_OFFSET_OFFSET && i < RecordDescriptor.QUEUE_OFFSET_OFFSET + 8)
                    || (i >= RecordDescriptor.STORE_TIMESTAMP_OFFSET
                    && i < RecordDescriptor.STORE_TIMESTAMP_OFFSET + 8);
            if (!stamped) {
                assertThat(after[i]).as("byte %d outside the stamped fields", i).isEqualTo(before[i]);
            }
        }
    }

    @Test
    void endOfSegmentMarkerIsRecognisedWithItsLength() {
        ByteBuffer log = ByteBuffer.allocate(256);

        RecordEncoder.writeEndOfSegment(log, 100, 156);

        assertThat(RecordDecoder.check(log, 100, 256, 100L, new CRC32C()))
                .isEqualTo(new RecordCheck(RecordCheck.Kind.END_OF_SEGMENT, 156, null));
    }

    /** Encodes, copies to {@code at} and seals, as the writer does; returns the record length. */
    static int sealInto(ByteBuffer log, int at, Message message, InetSocketAddress storeHost, long queueOffset,
                        long physicalOffset, long storeTimestamp) {
        EncodedRecord record = RecordEncoder.encode(message, message.topic().getBytes(StandardCharsets.UTF_8),
                PropertyCodec.encode(message.properties()), RecordEncoder.encodeHost(storeHost));
        record.writeTo(log, at);
        RecordEncoder.seal(log, at, record.length(), queueOffset, physicalOffset, storeTimestamp, new CRC32C());
        return record.length();
    }
}
