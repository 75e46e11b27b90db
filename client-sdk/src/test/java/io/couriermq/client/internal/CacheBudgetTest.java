package io.couriermq.client.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CacheBudgetTest {

    @Test
    void grantsNoMoreThanTheCapacityAndWakesWaitersWhenRoomIsFreed() {
        CacheBudget budget = new CacheBudget(10);
        assertThat(budget.tryReserve(8)).isEqualTo(8);
        assertThat(budget.tryReserve(8)).isEqualTo(2);
        assertThat(budget.tryReserve(1)).isZero();

        AtomicInteger woken = new AtomicInteger();
        budget.whenAvailable(woken::incrementAndGet);
        assertThat(woken).hasValue(0);

        budget.release(3);
        assertThat(woken).hasValue(1);
        assertThat(budget.tryReserve(5)).as("3 slots were freed").isEqualTo(3);
        budget.release(3);

        budget.whenAvailable(woken::incrementAndGet);
        assertThat(woken).as("room is available: runs at once").hasValue(2);
    }
}
