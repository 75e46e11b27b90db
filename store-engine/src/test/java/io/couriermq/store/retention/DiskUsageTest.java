package io.couriermq.store.retention;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DiskUsageTest {

    private static final long GIB = 1L << 30;

    @Test
    void reservedBlocksCountNeitherAsUsedNorAsWritable() {
        // df on a 270 GiB disk: 40 GiB used, 68 GiB available, the rest reserved: 37 % in use, not 75 %
        DiskUsage disk = new DiskUsage(270 * GIB, 230 * GIB, 68 * GIB);

        assertThat(disk.usedRatio()).isCloseTo(40.0 / 108, within(1e-9));
        assertThat(disk.usedRatioAfterFreeing(20 * GIB)).isCloseTo(20.0 / 108, within(1e-9));
    }

    @Test
    void aDiskWithNothingWritableLeftIsFull() {
        assertThat(new DiskUsage(100 * GIB, 5 * GIB, 0).usedRatio()).isEqualTo(1.0);
        assertThat(new DiskUsage(0, 0, 0).usedRatio()).isZero();
    }
}
