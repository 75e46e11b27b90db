package io.couriermq.compat;

import io.couriermq.testing.LayoutCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * conf/2m-2s-sync, started from its files with bin/mqnamesrv and bin/mqbroker: five rounds of killing a master with
 * SIGKILL while the official producer sends. Every acknowledged send must be consumable through the dead master's
 * slave while it is down, and from the master after it restarts: sync double write loses nothing acknowledged.
 */
class SyncLayoutFailoverTest {

    private static final String TOPIC = "Payments";

    @TempDir
    Path workDir;

    @Test
    void noAcknowledgedMessageIsLostWhenAMasterIsKilled() throws Exception {
        try (LayoutCluster cluster = FailoverRounds.startLayout(workDir, "2m-2s-sync", TOPIC)) {
            FailoverRounds rounds = new FailoverRounds(cluster, TOPIC);
            for (int round = 1; round <= 5; round++) {
                FailoverRounds.Round result = rounds.run(round);
                System.out.println("2m-2s-sync " + result);
                assertThat(result.afterKill()).as("the other master kept taking sends").isPositive();
                assertThat(result.missingOnSlave()).as(result.toString()).isZero();
                assertThat(result.missingAfterRestart()).as(result.toString()).isZero();
            }
        }
    }
}
