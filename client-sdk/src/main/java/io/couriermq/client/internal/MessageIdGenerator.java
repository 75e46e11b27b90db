package io.couriermq.client.internal;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Message ids in the RocketMQ 5 layout: 34 upper-case hex characters encoding 17 bytes.
 *
 * <pre>
 *   byte  0      version, always 0x01
 *   bytes 1-6    the lower 6 bytes of a MAC address of this machine (random bytes if it has none)
 *   bytes 7-8    the lower 2 bytes of the process id
 *   bytes 9-12   seconds since 2021-01-01T00:00:00Z, lower 32 bits
 *   bytes 13-16  a per-process sequence number, big-endian
 * </pre>
 *
 * The first 9 bytes are fixed per process, so they are formatted once.
 *
 * <p>Thread-safe.
 */
public final class MessageIdGenerator {

    static final Instant EPOCH = Instant.parse("2021-01-01T00:00:00Z");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final MessageIdGenerator PROCESS =
            new MessageIdGenerator(Clock.systemUTC(), machineId(), ProcessHandle.current().pid());

    private final Clock clock;
    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();

    MessageIdGenerator(Clock clock, byte[] machineId, long pid) {
        if (machineId.length != 6) {
            throw new IllegalArgumentException("machine id must have 6 bytes, had " + machineId.length);
        }
        this.clock = clock;
        StringBuilder fixed = new StringBuilder(18).append("01");
        for (byte b : machineId) {
            appendHex(fixed, b & 0xFF, 2);
        }
        appendHex(fixed, pid & 0xFFFF, 4);
        this.prefix = fixed.toString();
    }

    /** The generator every producer of this process shares, so ids never repeat within it. */
    public static MessageIdGenerator forThisProcess() {
        return PROCESS;
    }

    public String next() {
        long seconds = (clock.millis() - EPOCH.toEpochMilli()) / 1000;
        StringBuilder id = new StringBuilder(34).append(prefix);
        appendHex(id, seconds & 0xFFFF_FFFFL, 8);
        appendHex(id, sequence.getAndIncrement() & 0xFFFF_FFFFL, 8);
        return id.toString();
    }

    private static void appendHex(StringBuilder out, long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (value >>> shift) & 0xF]);
        }
    }

    private static byte[] machineId() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = network.getHardwareAddress();
                if (!network.isLoopback() && mac != null && mac.length >= 6) {
                    byte[] id = new byte[6];
                    System.arraycopy(mac, mac.length - 6, id, 0, 6);
                    return id;
                }
            }
        } catch (SocketException | RuntimeException noInterfaces) {
            // fall through to random bytes: uniqueness then rests on them, the pid and the time
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
