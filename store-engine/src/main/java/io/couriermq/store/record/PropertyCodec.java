package io.couriermq.store.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes message properties as a sequence of {@code (key length u16, key UTF-8, value length u16, value UTF-8)}
 * entries. Lengths make any character legal in keys and values, unlike separator-based encodings.
 */
public final class PropertyCodec {

    private static final int MAX_FIELD_LENGTH = 0xFFFF;

    private PropertyCodec() {
    }

    /** The encoded properties; throws {@link IllegalArgumentException} for a key or value over 65,535 bytes. */
    public static byte[] encode(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return new byte[0];
        }
        byte[][] parts = new byte[properties.size() * 2][];
        int length = 0;
        int i = 0;
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            parts[i] = utf8(entry, false);
            parts[i + 1] = utf8(entry, true);
            length += 4 + parts[i].length + parts[i + 1].length;
            i += 2;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.putShort((short) part.length).put(part);
        }
        return out.array();
    }

    /** Decodes {@code length} bytes of encoded properties starting at {@code offset} of {@code buffer}. */
    public static Map<String, String> decode(ByteBuffer buffer, int offset, int length) {
        Map<String, String> properties = new HashMap<>();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int keyLength = Short.toUnsignedInt(buffer.getShort(position));
            String key = string(buffer, position + 2, keyLength);
            position += 2 + keyLength;
            int valueLength = Short.toUnsignedInt(buffer.getShort(position));
            String value = string(buffer, position + 2, valueLength);
            position += 2 + valueLength;
            properties.put(key, value);
        }
        if (position != end) {
            throw new IllegalArgumentException("property block overruns its length " + length);
        }
        return properties;
    }

    /**
     * The value of one property, found by scanning the encoded block without building a map: the dispatcher needs
     * two properties of every record and nothing else. Null if absent.
     */
    public static String find(ByteBuffer buffer, int offset, int length, byte[] key) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int keyLength = Short.toUnsignedInt(buffer.getShort(position));
            int valueAt = position + 2 + keyLength;
            int valueLength = Short.toUnsignedInt(buffer.getShort(valueAt));
            if (keyLength == key.length && keyEquals(buffer, position + 2, key)) {
                return string(buffer, valueAt + 2, valueLength);
            }
            position = valueAt + 2 + valueLength;
        }
        return null;
    }

    private static boolean keyEquals(ByteBuffer buffer, int at, byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (buffer.get(at + i) != key[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The UTF-8 bytes of a property's key or value. The error text is built only on failure: encoding runs for
     * every message.
     */
    private static byte[] utf8(Map.Entry<String, String> property, boolean value) {
        byte[] bytes = (value ? property.getValue() : property.getKey()).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FIELD_LENGTH) {
            String what = value ? "value of " + property.getKey() : "key";
            throw new IllegalArgumentException("property " + what + " is " + bytes.length + " bytes, more than "
                    + MAX_FIELD_LENGTH);
        }
        return bytes;
    }

    static String string(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
