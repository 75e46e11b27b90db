package io.couriermq.client.internal;

import apache.rocketmq.v2.Digest;
import apache.rocketmq.v2.DigestType;
import apache.rocketmq.v2.Encoding;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SystemProperties;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BodyDigestsTest {

    private static final byte[] BODY = "the body of a message".getBytes(StandardCharsets.UTF_8);

    @Test
    void crc32AsRocketMqWritesItMatches() {
        assertThat(BodyDigests.matches(digest(DigestType.CRC32, crc32Hex(BODY)), BODY)).isTrue();
    }

    @Test
    void crc32ToleratesPaddingAndCase() {
        byte[] body = bodyWithSmallCrc();
        String unpadded = crc32Hex(body);
        assertThat(unpadded.length()).isLessThan(8);
        String padded = "0".repeat(8 - unpadded.length()) + unpadded.toLowerCase(Locale.ROOT);
        assertThat(BodyDigests.matches(digest(DigestType.CRC32, padded), body)).isTrue();
    }

    @Test
    void md5AndSha1MatchIgnoringCase() throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(BODY));
        String sha1 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(BODY));
        assertThat(BodyDigests.matches(digest(DigestType.MD5, md5), BODY)).isTrue();
        assertThat(BodyDigests.matches(digest(DigestType.SHA1, sha1), BODY)).isTrue();
    }

    @Test
    void anyChangedByteIsAMismatch() {
        String crc = crc32Hex(BODY);
        byte[] changed = BODY.clone();
        changed[3] ^= 1;
        assertThat(BodyDigests.matches(digest(DigestType.CRC32, crc), changed)).isFalse();
        assertThat(BodyDigests.matches(digest(DigestType.MD5, "00"), BODY)).isFalse();
        assertThat(BodyDigests.matches(digest(DigestType.CRC32, "not hex"), BODY)).isFalse();
    }

    @Test
    void unknownDigestTypeCannotBeCheckedAndCountsAsIntact() {
        assertThat(BodyDigests.matches(digest(DigestType.DIGEST_TYPE_UNSPECIFIED, "whatever"), BODY)).isTrue();
    }

    @Test
    void decodedMessageIsFlaggedCorruptedWhenItsBodyDoesNotMatch() {
        ReceivedMessage intact = ReceivedMessage.decode(message(BODY, crc32Hex(BODY), Encoding.IDENTITY), ENDPOINT);
        ReceivedMessage corrupted = ReceivedMessage.decode(message(BODY, "DEADBEEF", Encoding.IDENTITY), ENDPOINT);

        assertThat(intact.corrupted()).isFalse();
        assertThat(intact.body()).isEqualTo(BODY);
        assertThat(corrupted.corrupted()).isTrue();
    }

    @Test
    void gzipBodyIsCheckedAsSentThenDecompressed() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(BODY);
        }
        byte[] wire = compressed.toByteArray();

        ReceivedMessage message = ReceivedMessage.decode(message(wire, crc32Hex(wire), Encoding.GZIP), ENDPOINT);

        assertThat(message.corrupted()).isFalse();
        assertThat(message.body()).isEqualTo(BODY);
    }

    private static final Endpoint ENDPOINT = new Endpoint("127.0.0.1", 1);

    private static Message message(byte[] body, String crc, Encoding encoding) {
        return Message.newBuilder()
                .setTopic(Resource.newBuilder().setName("topic"))
                .setBody(ByteString.copyFrom(body))
                .setSystemProperties(SystemProperties.newBuilder().setMessageId("id").setBodyEncoding(encoding)
                        .setBodyDigest(digest(DigestType.CRC32, crc)))
                .build();
    }

    private static Digest digest(DigestType type, String checksum) {
        return Digest.newBuilder().setType(type).setChecksum(checksum).build();
    }

    private static String crc32Hex(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toHexString(crc.getValue()).toUpperCase(Locale.ROOT);
    }

    /** A body whose CRC32 has a leading zero nibble, so its unpadded hex is shorter than 8 characters. */
    private static byte[] bodyWithSmallCrc() {
        for (int i = 0; ; i++) {
            byte[] candidate = ("body-" + i).getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(candidate);
            if (crc.getValue() < 0x1000_0000L) {
                return candidate;
            }
        }
    }
}
