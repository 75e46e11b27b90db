package io.couriermq.store;

import java.util.Locale;

/**
 * A size in bytes, so that configuration never carries a bare {@code long} whose unit must be guessed.
 * Parses the forms operators write: {@code 1073741824}, {@code 64k}, {@code 4MiB}, {@code 1g}.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte size must not be negative: " + bytes);
        }
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize ofKibibytes(long kib) {
        return new ByteSize(Math.multiplyExact(kib, 1024L));
    }

    public static ByteSize ofMebibytes(long mib) {
        return new ByteSize(Math.multiplyExact(mib, 1024L * 1024L));
    }

    public static ByteSize ofGibibytes(long gib) {
        return new ByteSize(Math.multiplyExact(gib, 1024L * 1024L * 1024L));
    }

    /** Parses a number with an optional binary unit suffix: b, k/kb/kib, m/mb/mib, g/gb/gib. */
    public static ByteSize parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("not a byte size: '" + text + "'");
        }
        long number;
        try {
            number = Long.parseLong(s.substring(0, unitStart));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("byte size '" + text + "' does not fit in a long", e);
        }
        String unit = s.substring(unitStart).trim();
        long multiplier = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb", "kib" -> 1024L;
            case "m", "mb", "mib" -> 1024L * 1024L;
            case "g", "gb", "gib" -> 1024L * 1024L * 1024L;
            default -> throw new IllegalArgumentException("unknown byte size unit '" + unit + "' in '" + text + "'");
        };
        try {
            return new ByteSize(Math.multiplyExact(number, multiplier));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("byte size '" + text + "' does not fit in a long", e);
        }
    }

    /** The size as an int, for buffers and mappings that Java indexes with ints. */
    public int toIntExact() {
        return Math.toIntExact(bytes);
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return bytes + "B";
    }
}
