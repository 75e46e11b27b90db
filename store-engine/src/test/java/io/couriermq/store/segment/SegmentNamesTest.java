package io.couriermq.store.segment;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Segment file names: 20 zero-padded digits that sort like the offsets they stand for. */
class SegmentNamesTest {

    @Property
    void nameIsTwentyDigitsAndParsesBack(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long base) {
        String name = SegmentNames.nameOf(base);

        assertThat(name).hasSize(20).containsOnlyDigits();
        assertThat(SegmentNames.parse(name)).hasValue(base);
    }

    @Property
    void namesSortLikeTheirOffsets(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
                                   @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
        assertThat(Integer.signum(SegmentNames.nameOf(a).compareTo(SegmentNames.nameOf(b))))
                .isEqualTo(Long.signum(Long.compare(a, b)));
    }

    @Example
    void knownNames() {
        assertThat(SegmentNames.nameOf(0)).isEqualTo("00000000000000000000");
        assertThat(SegmentNames.nameOf(1_073_741_824L)).isEqualTo("00000000001073741824");
        assertThat(SegmentNames.nameOf(Long.MAX_VALUE)).isEqualTo("09223372036854775807");
    }

    @Example
    void negativeOffsetHasNoName() {
        assertThatThrownBy(() -> SegmentNames.nameOf(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Example
    void rejectsNamesThatAreNotTwentyDigits() {
        String[] notSegments = {
            "",
            "0000000000000000000",           // 19 digits
            "000000000000000000000",         // 21 digits
            "0000000000000000000a",
            "+0000000000000000001",
            "-0000000000000000001",
            " 0000000000000000001",
            "00000000000000000001.tmp",
            "0000000000000.000001",
            "99999999999999999999",          // 20 digits, beyond Long.MAX_VALUE
            "checkpoint",
            "abort",
        };
        for (String name : notSegments) {
            assertThat(SegmentNames.parse(name)).as("'%s'", name).isEqualTo(OptionalLong.empty());
        }
    }

    /**
     * Regression guard: {@code parse} checks characters with {@link Character#isDigit}, which accepts
     * every Unicode decimal digit, and {@link Long#parseLong} accepts them too. A file named with 20 such digits
     * parses to an offset whose real name ({@link SegmentNames#nameOf}) is a different file, so
     * {@link SegmentList#open} fails on the missing file instead of ignoring the stranger.
     */
    @Example
    void rejectsNonAsciiDigits() {
        String arabicIndicOne = "0000000000000000000\u0661";
        String fullWidthOne = "0000000000000000000\uFF11";

        assertThat(SegmentNames.parse(arabicIndicOne)).isEqualTo(OptionalLong.empty());
        assertThat(SegmentNames.parse(fullWidthOne)).isEqualTo(OptionalLong.empty());
    }
}
