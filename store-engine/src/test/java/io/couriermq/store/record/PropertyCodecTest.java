package io.couriermq.store.record;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Length-prefixed property encoding: any string survives, and fields over 65,535 UTF-8 bytes are refused. */
class PropertyCodecTest {

    @Property(tries = 300)
    void anyMapOfStringsRoundTrips(@ForAll("properties") Map<String, String> properties,
                                   @ForAll @IntRange(max = 64) int offset) {
        byte[] encoded = PropertyCodec.encode(properties);
        ByteBuffer buffer = ByteBuffer.allocate(offset + encoded.length + 16);
        buffer.put(offset, encoded);

        assertThat(PropertyCodec.decode(buffer, offset, encoded.length)).isEqualTo(properties);
    }

    @Provide
    Arbitrary<Map<String, String>> properties() {
        return Arbitraries.maps(text(), text()).ofMaxSize(12);
    }

    /** Strings of any Unicode scalar values, supplementary ones included; lone surrogates have no UTF-8 form. */
    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(24).map(PropertyCodecTest::fromCodePoints);
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }

    @Example
    void separatorsAndEmptyStringsNeedNoEscaping() {
        Map<String, String> properties = new HashMap<>();
        properties.put("", "");
        properties.put("a=b", "c;d\u0001e\u0002");
        properties.put("line\nbreak", "🎉日本語");
        byte[] encoded = PropertyCodec.encode(properties);

        assertThat(PropertyCodec.decode(ByteBuffer.wrap(encoded), 0, encoded.length)).isEqualTo(properties);
    }

    @Example
    void emptyMapEncodesToNothing() {
        assertThat(PropertyCodec.encode(Map.of())).isEmpty();
        assertThat(PropertyCodec.decode(ByteBuffer.allocate(4), 0, 0)).isEmpty();
    }

    @Example
    void encodingIsLengthPrefixedBigEndian() {
        byte[] encoded = PropertyCodec.encode(Map.of("ab", "é"));

        assertThat(encoded).containsExactly(0, 2, 'a', 'b', 0, 2, 0xC3, 0xA9);
    }

    @Example
    void keyOfExactly65535BytesIsAccepted() {
        String key = "k".repeat(65_535);
        byte[] encoded = PropertyCodec.encode(Map.of(key, "v"));

        assertThat(PropertyCodec.decode(ByteBuffer.wrap(encoded), 0, encoded.length)).containsEntry(key, "v");
    }

    @Example
    void keyOver65535BytesIsRefused() {
        assertThatThrownBy(() -> PropertyCodec.encode(Map.of("k".repeat(65_536), "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key").hasMessageContaining("65536");
    }

    @Example
    void limitCountsUtf8BytesNotCharacters() {
        String key = "€".repeat(21_846);
        assertThat(key.length()).isLessThan(65_535);
        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(65_538);

        assertThatThrownBy(() -> PropertyCodec.encode(Map.of(key, "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65538");
    }

    @Example
    void valueOver65535BytesIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> PropertyCodec.encode(Map.of("big", "v".repeat(65_536))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value of big");
    }

    @Example
    void lengthThatEndsInsideAFieldIsRefused() {
        byte[] encoded = PropertyCodec.encode(Map.of("key", "value"));

        assertThatThrownBy(() -> PropertyCodec.decode(ByteBuffer.wrap(encoded), 0, encoded.length - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overruns");
    }
}
