package io.couriermq.compat;

import io.couriermq.testing.LayoutCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * conf/2m-2s-async, started from its files with bin/mqnamesrv and bin/mqbroker: five rounds of killing a master with
 * SIGKILL while the official producer sends. An ASYNC_MASTER acknowledges before its slave has the message, so what
 * the slave had not copied at the kill is missing while the master is down; each round reports how much. The
 * master's own log survives a process crash, so after its restart nothing acknowledged is missing.
 */
class AsyncLayoutFailoverTest {

    private static final String TOPIC = "Clicks";

    @TempDir
    Path workDir;

    @Test
    void whatTheSlaveHadNotCopiedIsMissingOnlyWhileItsMasterIsDown() throws Exception {
        try (LayoutCluster cluster = FailoverRounds.startLayout(workDir, "2m-2s-async", TOPIC)) {
            FailoverRounds rounds = new FailoverRounds(cluster, TOPIC);
            int lost = 0;
            for (int round = 1; round <= 5; round++) {
                FailoverRounds.Round result = rounds.run(round);
                System.out.println("2m-2s-async " + result);
                lost += result.missingOnSlave();
                assertThat(result.afterKill()).as("the other master kept taking sends").isPositive();
                assertThat(result.missingAfterRestart()).as(result.toString()).isZero();
            }
            System.out.println("2m-2s-async: " + lost + " acknowledged messages were not consumable while their"
                    + " master was down, over 5 rounds");
        }
    }
}
