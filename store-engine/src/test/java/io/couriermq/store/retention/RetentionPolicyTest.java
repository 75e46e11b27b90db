package io.couriermq.store.retention;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The retention decision as a table. Each case is a log of four segments of 3,000 bytes (ending at 3,000 ...
 * 12,000) with given ages, a dispatcher position, an hour of day and a disk of 100,000 bytes with some in use.
 * Policy: 72 h reserved time, delete hour 4, clean ratio 0.75.
 */
class RetentionPolicyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    private static final Duration RESERVED = Duration.ofHours(72);
    private static final long SEGMENT_BYTES = 3_000;
    private static final long DISK_BYTES = 100_000;
    private static final long ALL_DISPATCHED = 12_000;
    private static final long OLD = 100;
    private static final long NEW = 1;
    private static final long EXACTLY_RESERVED = 72;

    private final RetentionPolicy policy = new RetentionPolicy(RESERVED, Set.of(4, 5), 0.75);

    /**
     * @param ageHours   age of each segment's last modification, oldest segment first
     * @param usedBytes  bytes of the disk in use
     */
    record Case(String name, long[] ageHours, long dispatchedTo, int hour, long usedBytes, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("outside the delete hours nothing goes, however old",
                        ages(OLD, OLD, OLD, OLD), ALL_DISPATCHED, 10, 10_000, 0),
                new Case("in a delete hour expired segments go, but never the last",
                        ages(OLD, OLD, OLD, OLD), ALL_DISPATCHED, 4, 10_000, 3),
                new Case("every configured hour counts",
                        ages(OLD, OLD, OLD, OLD), ALL_DISPATCHED, 5, 10_000, 3),
                new Case("the hour just before a delete hour does not",
                        ages(OLD, OLD, OLD, OLD), ALL_DISPATCHED, 3, 10_000, 0),
                new Case("only the expired head goes",
                        ages(OLD, OLD, NEW, NEW), ALL_DISPATCHED, 4, 10_000, 2),
                new Case("a segment aged exactly the reserved time has expired",
                        ages(EXACTLY_RESERVED, NEW, NEW, NEW), ALL_DISPATCHED, 4, 10_000, 1),
                new Case("expired segments behind a young one stay: consecutive from the head only",
                        ages(NEW, OLD, OLD, OLD), ALL_DISPATCHED, 4, 10_000, 0),
                new Case("nothing past the dispatcher goes",
                        ages(OLD, OLD, OLD, OLD), 6_500, 4, 10_000, 2),
                new Case("a segment ending exactly at the dispatched offset may go",
                        ages(OLD, OLD, OLD, OLD), 3_000, 4, 10_000, 1),
                new Case("a dispatcher inside the first segment holds everything",
                        ages(OLD, OLD, OLD, OLD), 2_999, 4, 10_000, 0),
                new Case("disk over the clean ratio deletes just enough of the oldest, at any hour and age",
                        ages(NEW, NEW, NEW, NEW), ALL_DISPATCHED, 10, 80_000, 2),
                new Case("disk exactly at the clean ratio counts as over it",
                        ages(NEW, NEW, NEW, NEW), ALL_DISPATCHED, 10, 75_000, 1),
                new Case("disk just below the clean ratio deletes nothing outside the hours",
                        ages(OLD, OLD, OLD, OLD), ALL_DISPATCHED, 10, 74_999, 0),
                new Case("a full disk still never takes the last segment",
                        ages(NEW, NEW, NEW, NEW), ALL_DISPATCHED, 10, 99_000, 3),
                new Case("a full disk still never takes what the dispatcher has not passed",
                        ages(NEW, NEW, NEW, NEW), 3_000, 10, 99_000, 1),
                new Case("a full disk in a delete hour deletes for space, not just what expired",
                        ages(NEW, NEW, NEW, NEW), ALL_DISPATCHED, 4, 99_000, 3)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 10, c.hour(), 30, 0, 0, ZONE);
        List<RetentionPolicy.SegmentInfo> segments = new ArrayList<>();
        for (int i = 0; i < c.ageHours().length; i++) {
            Instant lastModified = now.toInstant().minus(Duration.ofHours(c.ageHours()[i]));
            segments.add(new RetentionPolicy.SegmentInfo((i + 1) * SEGMENT_BYTES, SEGMENT_BYTES, lastModified));
        }
        DiskUsage disk = new DiskUsage(DISK_BYTES, DISK_BYTES - c.usedBytes(), DISK_BYTES - c.usedBytes());

        assertThat(policy.segmentsToDelete(segments, c.dispatchedTo(), now, disk)).isEqualTo(c.expected());
    }

    static Stream<Arguments> edges() {
        Instant ancient = Instant.parse("2000-01-01T00:00:00Z");
        RetentionPolicy.SegmentInfo only = new RetentionPolicy.SegmentInfo(3_000, 3_000, ancient);
        return Stream.of(
                arguments("no segments", List.of()),
                arguments("a single expired segment on a full disk", List.of(only)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void neverDeletesTheOnlySegment(String name, List<RetentionPolicy.SegmentInfo> segments) {
        ZonedDateTime deleteHour = ZonedDateTime.of(2026, 3, 10, 4, 0, 0, 0, ZONE);

        assertThat(policy.segmentsToDelete(segments, Long.MAX_VALUE, deleteHour, new DiskUsage(DISK_BYTES, 0, 0)))
                .isZero();
    }

    @ParameterizedTest(name = "hour {0} of the clock's zone")
    @MethodSource("zoneHours")
    void deleteHourIsReadInTheClocksZone(String zone, int expected) {
        Instant instant = Instant.parse("2026-03-10T19:30:00Z");
        ZonedDateTime now = instant.atZone(ZoneId.of(zone));
        List<RetentionPolicy.SegmentInfo> segments = List.of(
                new RetentionPolicy.SegmentInfo(3_000, 3_000, instant.minus(Duration.ofDays(10))),
                new RetentionPolicy.SegmentInfo(6_000, 3_000, instant));

        assertThat(policy.segmentsToDelete(segments, ALL_DISPATCHED, now, new DiskUsage(DISK_BYTES, DISK_BYTES, DISK_BYTES)))
                .isEqualTo(expected);
    }

    static Stream<Arguments> zoneHours() {
        return Stream.of(arguments("Asia/Tokyo", 1), arguments("UTC", 0));
    }

    private static long[] ages(long... hours) {
        return hours;
    }
}
