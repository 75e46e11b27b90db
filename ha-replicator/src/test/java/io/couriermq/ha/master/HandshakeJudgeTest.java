package io.couriermq.ha.master;

import io.couriermq.ha.HandshakeStatus;
import io.couriermq.ha.wire.Handshake;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake rules against a master log that holds {@code [1000, 9000)} and whose checksum of a range is
 * {@code from * 31 + to}; a slave's checksum of {@code -1} never matches.
 */
class HandshakeJudgeTest {

    private static final long START = 1000;
    private static final long END = 9000;

    @Test
    void aSlaveWhoseLastBytesMatchStreamsFromItsReceivedOffset() {
        assertThat(judge(new Handshake("s", 6000, 6000, 2000, matching(2000, 6000)))).isEqualTo(HandshakeStatus.OK);
        assertThat(judge(new Handshake("s", 9000, 9000, 5000, matching(5000, 9000)))).isEqualTo(HandshakeStatus.OK);
        assertThat(judge(new Handshake("s", 6100, 6000, 2000, matching(2000, 6000))))
                .as("a partial record past the end offset is not part of the checksum").isEqualTo(HandshakeStatus.OK);
    }

    @Test
    void anEmptySlaveIsAcceptedOnlyByAMasterThatStillHoldsOffsetZero() {
        Handshake empty = new Handshake("s", 0, 0, 0, 0);
        assertThat(HandshakeJudge.judge(empty, 0, END, HandshakeJudgeTest::checksum)).isEqualTo(HandshakeStatus.OK);
        assertThat(judge(empty)).isEqualTo(HandshakeStatus.SLAVE_BEHIND_RETENTION);
    }

    @Test
    void aSlaveWhoseNextOrCheckedBytesAreGoneIsBehindRetention() {
        assertThat(judge(new Handshake("s", 900, 900, 100, -1))).isEqualTo(HandshakeStatus.SLAVE_BEHIND_RETENTION);
        assertThat(judge(new Handshake("s", 1200, 1200, 900, -1)))
                .as("the checked range starts before the master's log")
                .isEqualTo(HandshakeStatus.SLAVE_BEHIND_RETENTION);
    }

    @Test
    void aSlaveBeyondTheMastersEndIsAhead() {
        assertThat(judge(new Handshake("s", 9001, 9001, 5001, 42))).isEqualTo(HandshakeStatus.SLAVE_AHEAD);
        assertThat(judge(new Handshake("s", 9100, 9000, 5000, matching(5000, 9000))))
                .as("even by a partial record").isEqualTo(HandshakeStatus.SLAVE_AHEAD);
    }

    @Test
    void aSlaveWhoseLastBytesDifferHasDiverged() {
        assertThat(judge(new Handshake("s", 6000, 6000, 2000, -1))).isEqualTo(HandshakeStatus.DIVERGED);
    }

    private static HandshakeStatus judge(Handshake handshake) {
        return HandshakeJudge.judge(handshake, START, END, HandshakeJudgeTest::checksum);
    }

    private static int matching(long from, long to) {
        return checksum(from, to);
    }

    private static int checksum(long from, long to) {
        if (from < START && from != to || to > END) {
            throw new AssertionError("the master's log does not hold [" + from + ", " + to + ")");
        }
        return (int) (from * 31 + to);
    }
}
