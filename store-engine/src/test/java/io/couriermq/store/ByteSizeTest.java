package io.couriermq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte sizes as operators write them. */
class ByteSizeTest {

    @ParameterizedTest(name = "''{0}'' is {1} bytes")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "1073741824|1073741824",
        "512b|512",
        "512B|512",
        "64k|65536",
        "64K|65536",
        "64kb|65536",
        "64KiB|65536",
        "4m|4194304",
        "4MB|4194304",
        "4MiB|4194304",
        "1g|1073741824",
        "1GB|1073741824",
        "2GiB|2147483648",
        "'  16 k  '|16384",
        "'8 MiB'|8388608",
        "8589934591g|9223372035781033984",
    })
    void parsesNumbersWithBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(ByteSize.ofBytes(bytes));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "   ", "k", "MiB", "-1", "-1k", "+1k", "1.5g", "1,024", "1t", "1 tb", "12 34",
        "1kk", "0x10", "ten"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownUnitNamesTheTextAndTheUnit() {
        assertThatThrownBy(() -> ByteSize.parse("5 parsecs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'parsecs'").hasMessageContaining("'5 parsecs'");
    }

    @Test
    void missingNumberNamesTheText() {
        assertThatThrownBy(() -> ByteSize.parse("kb")).hasMessageContaining("'kb'");
    }

    /**
     * Regression guard: a size too large for a long escapes as ArithmeticException("long overflow")
     * from {@code Math.multiplyExact}, which neither is an IllegalArgumentException like every other bad input
     * nor names the text that was wrong.
     */
    @Test
    void sizeBeyondALongIsRefusedNamingTheText() {
        assertThatThrownBy(() -> ByteSize.parse("9999999999g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9999999999g");
    }

    @Test
    void numberBeyondALongIsRefused() {
        assertThatThrownBy(() -> ByteSize.parse("99999999999999999999"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factoriesUseBinaryMultiples() {
        assertThat(ByteSize.ofKibibytes(3).bytes()).isEqualTo(3 * 1024L);
        assertThat(ByteSize.ofMebibytes(3).bytes()).isEqualTo(3 * 1024L * 1024L);
        assertThat(ByteSize.ofGibibytes(3).bytes()).isEqualTo(3 * 1024L * 1024L * 1024L);
        assertThatThrownBy(() -> ByteSize.ofGibibytes(Long.MAX_VALUE / 1024)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void negativeSizesDoNotExist() {
        assertThatThrownBy(() -> ByteSize.ofBytes(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void comparesByBytesAndConvertsToIntOnlyWhenItFits() {
        assertThat(ByteSize.ofKibibytes(1)).isEqualByComparingTo(ByteSize.ofBytes(1024));
        assertThat(ByteSize.ofKibibytes(1)).isLessThan(ByteSize.ofBytes(1025));
        assertThat(ByteSize.ofBytes(Integer.MAX_VALUE).toIntExact()).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> ByteSize.ofGibibytes(2).toIntExact()).isInstanceOf(ArithmeticException.class);
        assertThat(ByteSize.ofKibibytes(2)).hasToString("2048B");
    }
}
