package io.couriermq.tools;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T05:30:00.250Z"), ZONE);

    @Test
    void nowIsTheClockTime() {
        assertThat(Timestamps.parse("now", CLOCK)).isEqualTo(CLOCK.millis());
    }

    @Test
    void digitsAreEpochMillis() {
        assertThat(Timestamps.parse("1714541400250", CLOCK)).isEqualTo(1714541400250L);
    }

    @Test
    void rocketMqDateFormIsLocalTimeOfTheClockZone() {
        long expected = ZonedDateTime.of(2024, 5, 1, 13, 30, 0, 250_000_000, ZONE).toInstant().toEpochMilli();

        assertThat(Timestamps.parse("2024-05-01#13:30:00:250", CLOCK)).isEqualTo(expected);
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> Timestamps.parse("2024-05-01 13:30", CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'now'").hasMessageContaining("yyyy-MM-dd#HH:mm:ss:SSS");
    }

    @Test
    void formatsAsRocketMqPrintsTimes() {
        assertThat(Timestamps.format(CLOCK.millis(), ZONE)).isEqualTo("2024-05-01 13:30:00,250");
    }
}
