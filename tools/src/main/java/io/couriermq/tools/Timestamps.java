package io.couriermq.tools;

import picocli.CommandLine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Points in time as mqadmin users write them on the command line and read them in its output. */
final class Timestamps {

    /** RocketMQ's command-line form, e.g. {@code 2024-05-01#13:30:00:000}, in the local time zone. */
    static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'#'HH:mm:ss:SSS");
    /** How RocketMQ's tools print times, e.g. {@code 2024-05-01 13:30:00,000}. */
    static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private Timestamps() {
    }

    /** Epoch milliseconds of {@code now}, a number of milliseconds, or a time in {@link #INPUT} form. */
    static long parse(String text, Clock clock) {
        String value = text.trim();
        if (value.equalsIgnoreCase("now")) {
            return clock.millis();
        }
        if (value.matches("\\d+")) {
            return Long.parseLong(value);
        }
        try {
            return LocalDateTime.parse(value, INPUT).atZone(clock.getZone()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp: use milliseconds since the epoch, "
                    + "'now', or yyyy-MM-dd#HH:mm:ss:SSS");
        }
    }

    static String format(long epochMillis, ZoneId zone) {
        return DISPLAY.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    static String format(Instant instant, ZoneId zone) {
        return DISPLAY.format(instant.atZone(zone));
    }

    /** Reads a timestamp option against the system clock; a bad value is a usage error. */
    static final class Converter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value, Clock.systemDefaultZone());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
