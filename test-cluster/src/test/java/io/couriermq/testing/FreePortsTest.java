package io.couriermq.testing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    /** Several services of one cluster draw ports before any binds; a repeat would give two of them one port. */
    @Test
    void neverHandsOutAPortTwice() {
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertThat(drawn.add(FreePorts.next())).as("draw %d", i).isTrue();
        }
    }
}
