package io.couriermq.bench.store;

import io.couriermq.store.FlushMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The goals this benchmark exists to check, and which rows each applies to. Decides only; printing is
 * {@link ResultTable}'s job.
 */
final class Targets {

    private static final int ONE_KIB = 1024;

    /** A goal for our store's appends/s; {@link #ratio} goals compare with another figure, the rest are rates. */
    enum Goal {
        VS_ROCKETMQ("vs RocketMQ", 1.5, true, "ours >= 1.5x RocketMQ appends/s, every row"),
        VS_CHRONICLE("vs Chronicle", 0.7, true, "ours >= 0.7x Chronicle appends/s, 1 KiB ASYNC rows"),
        VS_PLAIN_FSYNC("vs fsync", 0.9, true, "ours >= 0.9x the faster plain write+fsync rate, SYNC 1-writer rows"),
        SYNC_ASYNC64_RATE("100k/s", 100_000, false, "ours >= 100,000 msgs/s, SYNC async64 1 KiB");

        private final String shortName;
        private final double least;
        private final boolean ratio;
        private final String description;

        Goal(String shortName, double least, boolean ratio, String description) {
            this.shortName = shortName;
            this.least = least;
            this.ratio = ratio;
            this.description = description;
        }

        String shortName() {
            return shortName;
        }

        double least() {
            return least;
        }

        boolean ratio() {
            return ratio;
        }

        String description() {
            return description;
        }
    }

    /** One goal checked on one row: {@code measured} is the ratio, or the rate for rate goals. */
    record Check(Goal goal, double measured) {

        boolean passed() {
            return measured >= goal.least();
        }
    }

    private Targets() {
    }

    /** Whether {@code row} is checked against the plain write+fsync rate, which must then be measured for it. */
    static boolean comparesWithPlainFsync(BenchRow row) {
        return row.flushMode() == FlushMode.SYNC_FLUSH && row.writers() == WriterMode.ONE_THREAD;
    }

    /** The checks that apply to {@code result}. */
    static List<Check> forRow(RowResult result) {
        List<Check> checks = new ArrayList<>();
        Optional<StoreFigures> ours = result.figures(StoreKind.COURIER);
        if (ours.isEmpty()) {
            return checks;
        }
        double rate = ours.get().appendsPerSecond();
        BenchRow row = result.row();
        boolean oneKib = row.bodySizeBytes() == ONE_KIB;
        boolean sync = row.flushMode() == FlushMode.SYNC_FLUSH;
        result.figures(StoreKind.ROCKETMQ).ifPresent(rocketMq ->
                checks.add(new Check(Goal.VS_ROCKETMQ, rate / rocketMq.appendsPerSecond())));
        if (oneKib && !sync) {
            result.figures(StoreKind.CHRONICLE).ifPresent(chronicle ->
                    checks.add(new Check(Goal.VS_CHRONICLE, rate / chronicle.appendsPerSecond())));
        }
        if (comparesWithPlainFsync(row) && result.plainFsyncPerSecond() > 0) {
            checks.add(new Check(Goal.VS_PLAIN_FSYNC, rate / result.plainFsyncPerSecond()));
        }
        if (oneKib && sync && row.writers() == WriterMode.ASYNC_64) {
            checks.add(new Check(Goal.SYNC_ASYNC64_RATE, rate));
        }
        return checks;
    }
}
