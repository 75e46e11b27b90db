package io.couriermq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** StoreConfig validates when built, and every refusal names the field it refuses. */
class StoreConfigTest {

    private static final Path DIR = Path.of("store");

    /** A valid starting point that does not depend on the defaults being valid. */
    private static StoreConfig.Builder valid() {
        return TestStores.small(DIR, FlushMode.ASYNC_FLUSH);
    }

    /**
     * Regression guard: the default maxPropertiesSize (32 KiB) once sat one byte above the cap validation enforced
     * (Short.MAX_VALUE), so a config built from defaults did not validate.
     */
    @Test
    void defaultsAreValid() {
        assertThatCode(() -> StoreConfig.builder(DIR).build()).doesNotThrowAnyException();
    }

    @Test
    void smallTestGeometryIsValidAndKeepsItsValues() {
        StoreConfig config = valid().build();

        assertThat(config.storeDir()).isEqualTo(DIR);
        assertThat(config.commitLogSegmentSize()).isEqualTo(ByteSize.ofKibibytes(64));
        assertThat(config.consumeQueueSegmentEntries()).isEqualTo(100);
        assertThat(config.indexEntriesPerFile()).isEqualTo(200);
    }

    @Test
    void toBuilderCopiesEveryField() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        StoreConfig original = valid()
                .flushMode(FlushMode.SYNC_FLUSH).flushInterval(Duration.ofMillis(7))
                .syncFlushTimeout(Duration.ofMillis(8)).maxTopicLength(99).maxQueuesPerTopic(9)
                .maxAppendsInFlight(10).maxBytesInFlight(ByteSize.ofMebibytes(11)).indexHashSlots(12)
                .fileReservedTime(Duration.ofHours(13)).deleteHours(Set.of(1, 14)).diskCleanRatio(0.5)
                .diskRefuseWritesRatio(0.9).retentionCheckInterval(Duration.ofSeconds(15))
                .storeHost(new InetSocketAddress("10.0.0.1", 16)).clock(clock).build();

        assertThat(original.toBuilder().build()).isEqualTo(original);
    }

    @Test
    void deleteHoursAreCopiedNotShared() {
        Set<Integer> hours = new HashSet<>(Set.of(4));
        StoreConfig config = valid().deleteHours(hours).build();

        hours.add(5);

        assertThat(config.deleteHours()).containsExactly(4);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                refused("flushInterval", b -> b.flushInterval(Duration.ZERO)),
                refused("flushInterval", b -> b.flushInterval(Duration.ofMillis(-1))),
                refused("flushInterval", b -> b.flushInterval(null)),
                refused("syncFlushTimeout", b -> b.syncFlushTimeout(Duration.ZERO)),
                refused("fileReservedTime", b -> b.fileReservedTime(Duration.ofHours(-1))),
                refused("retentionCheckInterval", b -> b.retentionCheckInterval(Duration.ZERO)),
                refused("consumeQueueSegmentEntries", b -> b.consumeQueueSegmentEntries(0)),
                refused("consumeQueueSegmentEntries", b -> b.consumeQueueSegmentEntries(Integer.MAX_VALUE / 20 + 1)),
                refused("maxTopicLength", b -> b.maxTopicLength(0)),
                refused("maxTopicLength", b -> b.maxTopicLength(Short.MAX_VALUE + 1)),
                refused("maxQueuesPerTopic", b -> b.maxQueuesPerTopic(0)),
                refused("maxQueuesPerTopic", b -> b.maxQueuesPerTopic(65_537)),
                refused("maxAppendsInFlight", b -> b.maxAppendsInFlight(0)),
                refused("indexHashSlots", b -> b.indexHashSlots(0)),
                refused("indexHashSlots", b -> b.indexHashSlots(100_000_001)),
                refused("indexEntriesPerFile", b -> b.indexEntriesPerFile(0)),
                refused("indexEntriesPerFile", b -> b.indexEntriesPerFile(100_000_001)),
                refused("maxPropertiesSize", b -> b.maxPropertiesSize(ByteSize.ofBytes(Integer.MAX_VALUE))),
                refused("maxMessageSize", b -> b.maxMessageSize(ByteSize.ofBytes(0))),
                refused("maxMessageSize", b -> b.maxMessageSize(ByteSize.ofBytes(Integer.MAX_VALUE / 4 + 1))),
                refused("commitLogSegmentSize", b -> b.commitLogSegmentSize(ByteSize.ofKibibytes(16))),
                refused("commitLogSegmentSize", b -> b.commitLogSegmentSize(ByteSize.ofBytes(1L << 31))),
                refused("maxBytesInFlight", b -> b.maxBytesInFlight(ByteSize.ofKibibytes(15))),
                refused("deleteHours", b -> b.deleteHours(Set.of(4, 24))),
                refused("deleteHours", b -> b.deleteHours(Set.of(-1))),
                refused("diskCleanRatio", b -> b.diskCleanRatio(0.0)),
                refused("diskCleanRatio", b -> b.diskCleanRatio(-0.5)),
                refused("diskCleanRatio", b -> b.diskCleanRatio(Double.NaN)),
                refused("diskRefuseWritesRatio", b -> b.diskRefuseWritesRatio(1.01)),
                refused("storeDir", b -> b.storeDir(null)),
                refused("flushMode", b -> b.flushMode(null)),
                refused("storeHost", b -> b.storeHost(null)),
                refused("clock", b -> b.clock(null)));
    }

    private static Arguments refused(String field, Consumer<StoreConfig.Builder> change) {
        return arguments(field, change);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("invalid")
    void invalidValueIsRefusedNamingTheField(String field, Consumer<StoreConfig.Builder> change) {
        StoreConfig.Builder builder = valid();
        change.accept(builder);

        assertThatThrownBy(builder::build).isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .hasMessageContaining(field);
    }

    @Test
    void refuseWritesRatioBelowTheCleanRatioIsRefused() {
        assertThatThrownBy(() -> valid().diskCleanRatio(0.8).diskRefuseWritesRatio(0.7).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("diskRefuseWritesRatio").hasMessageContaining("diskCleanRatio")
                .hasMessageContaining("0.7").hasMessageContaining("0.8");
    }

    @Test
    void equalRatiosAreAllowed() {
        assertThatCode(() -> valid().diskCleanRatio(0.8).diskRefuseWritesRatio(0.8).build())
                .doesNotThrowAnyException();
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertThatCode(() -> valid().diskCleanRatio(1.0).diskRefuseWritesRatio(1.0).deleteHours(Set.of(0, 23))
                .maxQueuesPerTopic(65_536).indexEntriesPerFile(1).consumeQueueSegmentEntries(1)
                .maxPropertiesSize(ByteSize.ofBytes(0)).maxTopicLength(Short.MAX_VALUE).build())
                .doesNotThrowAnyException();
        assertThatCode(() -> valid().deleteHours(Set.of()).build()).doesNotThrowAnyException();
    }

    @Test
    void segmentMustHoldTheLargestRecordBesideRoomToSpare() {
        StoreConfig.Builder builder = valid().maxMessageSize(ByteSize.ofKibibytes(16))
                .maxPropertiesSize(ByteSize.ofKibibytes(4)).maxTopicLength(127);
        long smallest = 16 * 1024 + 4 * 1024 + 127 + 4096;

        assertThatCode(() -> builder.commitLogSegmentSize(ByteSize.ofBytes(smallest)).build())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> builder.commitLogSegmentSize(ByteSize.ofBytes(smallest - 1)).build())
                .hasMessageContaining("commitLogSegmentSize").hasMessageContaining(Long.toString(smallest - 1));
    }

    @Test
    void bytesInFlightMustAdmitTheLargestMessage() {
        StoreConfig.Builder builder = valid().maxMessageSize(ByteSize.ofKibibytes(16));

        assertThatCode(() -> builder.maxBytesInFlight(ByteSize.ofKibibytes(16)).build()).doesNotThrowAnyException();
        assertThatThrownBy(() -> builder.maxBytesInFlight(ByteSize.ofBytes(16 * 1024 - 1)).build())
                .hasMessageContaining("maxBytesInFlight");
    }
}
