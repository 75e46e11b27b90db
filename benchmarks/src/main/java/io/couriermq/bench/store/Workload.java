package io.couriermq.bench.store;

import java.util.Random;

/**
 * The messages every store is given, so that each does the same work: one topic spread over {@link #QUEUES}
 * queues (message {@code i} goes to queue {@code i % QUEUES}), one tag, a key and a unique id per message, and
 * bodies of one size. Bodies come from a small pool of fixed-seed random arrays, so producing a message costs
 * the writer threads next to nothing and every run sees the same bytes.
 *
 * <p>Immutable and thread-safe.
 */
final class Workload {

    static final String TOPIC = "BenchTopic";
    static final int QUEUES = 8;
    static final String TAG = "TagA";

    private static final int BODY_POOL_SIZE = 16;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Same length as RocketMQ's client-generated ids: 16 hex digits of prefix, 16 of counter. */
    private static final int ID_LENGTH = 32;

    private final int bodySizeBytes;
    private final byte[][] bodies;
    private final char[] idPrefix;

    Workload(int bodySizeBytes, long seed) {
        this.bodySizeBytes = bodySizeBytes;
        Random random = new Random(seed);
        this.bodies = new byte[BODY_POOL_SIZE][bodySizeBytes];
        for (byte[] body : bodies) {
            random.nextBytes(body);
        }
        this.idPrefix = hex(random.nextLong()).toCharArray();
    }

    int bodySizeBytes() {
        return bodySizeBytes;
    }

    static int queueId(long index) {
        return (int) (index % QUEUES);
    }

    /** Shared, never modified: stores copy bodies into their log and must not keep the array. */
    byte[] body(long index) {
        return bodies[(int) (index % BODY_POOL_SIZE)];
    }

    static String key(long index) {
        return "k" + index;
    }

    String messageId(long index) {
        char[] id = new char[ID_LENGTH];
        System.arraycopy(idPrefix, 0, id, 0, idPrefix.length);
        long rest = index;
        for (int i = ID_LENGTH - 1; i >= idPrefix.length; i--) {
            id[i] = HEX[(int) (rest & 0xF)];
            rest >>>= 4;
        }
        return new String(id);
    }

    private static String hex(long value) {
        char[] digits = new char[16];
        long rest = value;
        for (int i = digits.length - 1; i >= 0; i--) {
            digits[i] = HEX[(int) (rest & 0xF)];
            rest >>>= 4;
        }
        return new String(digits);
    }
}
