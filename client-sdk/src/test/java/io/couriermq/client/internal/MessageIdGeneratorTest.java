package io.couriermq.client.internal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdGeneratorTest {

    private static final byte[] MAC = {(byte) 0x00, (byte) 0x1A, (byte) 0x2B, (byte) 0x3C, (byte) 0x4D, (byte) 0xFE};

    @Test
    void idHasTheRocketMq5LayoutFieldByField() {
        Instant now = Instant.parse("2024-03-01T12:00:05Z");
        MessageIdGenerator generator = new MessageIdGenerator(Clock.fixed(now, ZoneOffset.UTC), MAC, 0x1234_ABCDL);

        String id = generator.next();

        assertThat(id).hasSize(34).matches("[0-9A-F]{34}");
        assertThat(id.substring(0, 2)).as("version").isEqualTo("01");
        assertThat(id.substring(2, 14)).as("machine id").isEqualTo("001A2B3C4DFE");
        assertThat(id.substring(14, 18)).as("lower 2 bytes of the pid").isEqualTo("ABCD");
        long secondsSince2021 = now.getEpochSecond() - Instant.parse("2021-01-01T00:00:00Z").getEpochSecond();
        assertThat(Long.parseLong(id.substring(18, 26), 16)).as("seconds since 2021").isEqualTo(secondsSince2021);
        assertThat(id.substring(26)).as("sequence").isEqualTo("00000000");
    }

    @Test
    void sequenceCountsUpAndIdsDoNotRepeat() {
        MessageIdGenerator generator = new MessageIdGenerator(Clock.systemUTC(), MAC, 42);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = generator.next();
            assertThat(Long.parseLong(id.substring(26), 16)).isEqualTo(i);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void processGeneratorUsesThisProcessId() {
        String id = MessageIdGenerator.forThisProcess().next();
        assertThat(Long.parseLong(id.substring(14, 18), 16)).isEqualTo(ProcessHandle.current().pid() & 0xFFFF);
    }
}
