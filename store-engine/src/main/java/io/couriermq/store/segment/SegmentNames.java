package io.couriermq.store.segment;

import java.util.OptionalLong;

/**
 * Segment files are named by their base offset, zero-padded to 20 digits, so that a directory listing sorts in
 * log order and the name alone says where the file begins.
 */
public final class SegmentNames {

    private static final int DIGITS = 20;

    private SegmentNames() {
    }

    public static String nameOf(long baseOffset) {
        if (baseOffset < 0) {
            throw new IllegalArgumentException("negative base offset " + baseOffset);
        }
        String digits = Long.toString(baseOffset);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    /** The base offset a file name stands for, or empty if the name is not a segment name. */
    public static OptionalLong parse(String fileName) {
        if (fileName.length() != DIGITS) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = fileName.charAt(i);
            // ASCII only: Character.isDigit would accept other scripts' digits, which name no file we write.
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(fileName));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
