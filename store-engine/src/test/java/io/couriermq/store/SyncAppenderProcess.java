package io.couriermq.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The child side of {@link KillNineDurabilityTest}: appends forever under SYNC_FLUSH from several threads, each
 * keeping several appends in flight, and prints one line per acknowledged append. The parent kills it with
 * SIGKILL at a moment of its choosing.
 *
 * <p>Line format: {@code ACK <physical offset> <queue offset> <queue id> <round> <thread> <sequence>}.
 */
public final class SyncAppenderProcess {

    static final int THREADS = 4;
    private static final int IN_FLIGHT_PER_THREAD = 16;

    private SyncAppenderProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        MessageStore store = MessageStore.open(config(dir));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println("READY " + store.recoveryReport());
        out.flush();
        for (int thread = 0; thread < THREADS; thread++) {
            int threadId = thread;
            Thread appender = new Thread(() -> appendForever(store, out, round, threadId), "appender-" + thread);
            appender.start();
        }
    }

    static StoreConfig config(Path dir) {
        return TestStores.small(dir, FlushMode.SYNC_FLUSH).commitLogSegmentSize(ByteSize.ofKibibytes(128)).build();
    }

    private static void appendForever(MessageStore store, PrintStream out, int round, int thread) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT_PER_THREAD);
        for (long sequence = 0; ; sequence++) {
            inFlight.acquireUninterruptibly();
            long seq = sequence;
            Message message = Message.of("durable", thread, Map.of(MessageProperties.KEYS, "k" + seq),
                    payload(round, thread, seq).getBytes(StandardCharsets.UTF_8));
            store.append(message).whenComplete((result, failure) -> {
                if (failure == null) {
                    synchronized (out) {
                        out.println("ACK " + result.physicalOffset() + " " + result.queueOffset() + " " + thread
                                + " " + round + " " + thread + " " + seq);
                        out.flush();
                    }
                }
                inFlight.release();
            });
        }
    }

    /** The body every (round, thread, sequence) gets, of varying length, so the parent can check it byte for byte. */
    static String payload(int round, int thread, long sequence) {
        return "r" + round + "-t" + thread + "-s" + sequence + "-" + "p".repeat((int) ((sequence * 31 + thread) % 700));
    }
}
