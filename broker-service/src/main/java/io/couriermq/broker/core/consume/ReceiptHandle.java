package io.couriermq.broker.core.consume;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * Names one delivery of one message: which queue and offset, and which delivery (the nonce), so that an ack or
 * a change of invisibility can be matched to the delivery it answers and refused once the message has been
 * delivered again. Opaque to clients: URL-safe Base64 of a versioned binary layout with a CRC, so a damaged or
 * invented handle is recognised as such.
 *
 * <pre>version (1) | queue id (4) | queue offset (8) | nonce (8) | topic (UTF-8, rest) | CRC32C of the above (4)</pre>
 */
public record ReceiptHandle(String topic, int queueId, long offset, long nonce) {

    private static final byte VERSION = 1;
    private static final int FIXED = 1 + 4 + 8 + 8;
    private static final int CRC = 4;

    public String encode() {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(FIXED + topicBytes.length + CRC);
        out.put(VERSION).putInt(queueId).putLong(offset).putLong(nonce).put(topicBytes);
        out.putInt(crcOf(out.array(), out.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** Decodes a handle; throws {@link InvalidReceiptHandleException} for anything this broker did not issue. */
    public static ReceiptHandle decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidReceiptHandleException("receipt handle is not in this broker's format");
        }
        if (bytes.length < FIXED + CRC + 1 || bytes[0] != VERSION) {
            throw new InvalidReceiptHandleException("receipt handle is not in this broker's format");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(bytes.length - CRC) != crcOf(bytes, bytes.length - CRC)) {
            throw new InvalidReceiptHandleException("receipt handle is damaged (checksum mismatch)");
        }
        in.position(1);
        int queueId = in.getInt();
        long offset = in.getLong();
        long nonce = in.getLong();
        String topic = new String(bytes, FIXED, bytes.length - FIXED - CRC, StandardCharsets.UTF_8);
        return new ReceiptHandle(topic, queueId, offset, nonce);
    }

    private static int crcOf(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
