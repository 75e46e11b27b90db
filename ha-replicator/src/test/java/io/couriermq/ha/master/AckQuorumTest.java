package io.couriermq.ha.master;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AckQuorumTest {

    @Test
    void theConfirmedOffsetIsTheOneTheRequiredNumberOfSlavesReached() {
        assertThat(AckQuorum.confirmedOffset(new long[] {500, 900, 700}, 3, 1)).isEqualTo(900);
        assertThat(AckQuorum.confirmedOffset(new long[] {500, 900, 700}, 3, 2)).isEqualTo(700);
        assertThat(AckQuorum.confirmedOffset(new long[] {500, 900, 700}, 3, 3)).isEqualTo(500);
        assertThat(AckQuorum.confirmedOffset(new long[] {500, 900, 0}, 2, 2)).as("only the first count are slaves")
                .isEqualTo(500);
    }

    @Test
    void tooFewSlavesConfirmNothing() {
        assertThat(AckQuorum.confirmedOffset(new long[] {900}, 1, 2)).isEqualTo(AckQuorum.NOTHING);
        assertThat(AckQuorum.confirmedOffset(new long[0], 0, 1)).isEqualTo(AckQuorum.NOTHING);
    }
}
