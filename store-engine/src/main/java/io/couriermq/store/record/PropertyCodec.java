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

    /**
     * The encoded properties; throws {@link IllegalArgumentException} for a key or value over 65,535 bytes.
     *
     * <p>Runs for every message, so it allocates only the result: keys and values are nearly always ASCII, and
     * those are sized by their length and copied char by char; only the others are encoded to UTF-8 first.
     */
    public static byte[] encode(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return new byte[0];
        }
        String[] fields = new String[properties.size() * 2];
        byte[][] nonAscii = null;
        int length = 0;
        int i = 0;
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            fields[i] = entry.getKey();
            fields[i + 1] = entry.getValue();
            for (int f = i; f < i + 2; f++) {
                int fieldLength;
                if (isAscii(fields[f])) {
                    fieldLength = fields[f].length();
                } else {
                    nonAscii = nonAscii == null ? new byte[fields.length][] : nonAscii;
                    nonAscii[f] = fields[f].getBytes(StandardCharsets.UTF_8);
                    fieldLength = nonAscii[f].length;
                }
                if (fieldLength > MAX_FIELD_LENGTH) {
                    throw tooLong(entry, f == i + 1, fieldLength);
                }
                length += 2 + fieldLength;
            }
            i += 2;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int f = 0; f < fields.length; f++) {
            at = nonAscii != null && nonAscii[f] != null ? put(out, at, nonAscii[f]) : putAscii(out, at, fields[f]);
        }
        return out;
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

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int putAscii(byte[] out, int at, String text) {
        int length = text.length();
        putLength(out, at, length);
        for (int i = 0; i < length; i++) {
            out[at + 2 + i] = (byte) text.charAt(i);
        }
        return at + 2 + length;
    }

    private static int put(byte[] out, int at, byte[] field) {
        putLength(out, at, field.length);
        System.arraycopy(field, 0, out, at + 2, field.length);
        return at + 2 + field.length;
    }

    private static void putLength(byte[] out, int at, int length) {
        out[at] = (byte) (length >>> 8);
        out[at + 1] = (byte) length;
    }

    /** The error text is built only on failure: encoding runs for every message. */
    private static IllegalArgumentException tooLong(Map.Entry<String, String> property, boolean value, int length) {
        String what = value ? "value of " + property.getKey() : "key";
        return new IllegalArgumentException("property " + what + " is " + length + " bytes, more than "
                + MAX_FIELD_LENGTH);
    }

    static String string(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
