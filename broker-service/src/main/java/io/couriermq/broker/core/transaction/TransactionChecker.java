package io.couriermq.broker.core.transaction;

import io.couriermq.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Orphaned transaction recovery: asks producers about transactions they left open, as RocketMQ does. A
 * transaction is first checked {@link TransactionConfig#timeout()} after its half message was stored, then every
 * {@link TransactionConfig#checkInterval()}; when it is due once more after {@link TransactionConfig#checkMax()}
 * checks, it is rolled back. A check counts whether or not a producer of the topic was connected to be asked,
 * so a transaction whose producers are gone ends too.
 *
 * <p>Not thread-safe: ticks run one at a time (on the scheduler, or a test's thread).
 */
public final class TransactionChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionChecker.class);
    private static final Duration TICK = Duration.ofMillis(500);

    private final TransactionService transactions;
    private final OrphanedTransactionProbe probe;
    private final TransactionConfig config;
    private final Clock clock;
    private ScheduledFuture<?> ticks;

    TransactionChecker(TransactionService transactions, OrphanedTransactionProbe probe, TransactionConfig config,
                       Clock clock) {
        this.transactions = transactions;
        this.probe = probe;
        this.config = config;
        this.clock = clock;
    }

    /** Starts checking twice a second on {@code scheduler}. */
    public static TransactionChecker start(TransactionService transactions, OrphanedTransactionProbe probe,
                                          TransactionConfig config, Clock clock,
                                          ScheduledExecutorService scheduler) {
        TransactionChecker checker = new TransactionChecker(transactions, probe, config, clock);
        checker.ticks = scheduler.scheduleWithFixedDelay(checker::tickQuietly, TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        return checker;
    }

    /** One round: read the logs, ask about or roll back what is due, snapshot now and then. */
    void tick() throws IOException {
        transactions.readLogs();
        long now = clock.millis();
        for (PendingTransaction transaction : transactions.dueForCheck(now)) {
            if (transaction.checks() >= config.checkMax()) {
                rollBack(transaction);
            } else {
                ask(transaction);
                transactions.recordCheck(transaction, now + config.checkInterval().toMillis());
            }
        }
        transactions.maybeSnapshot(now);
    }

    private void ask(PendingTransaction transaction) {
        StoredMessage message = transactions.originalMessage(transaction);
        if (message == null || !probe.ask(message, transaction.transactionId())) {
            LOG.debug("no producer of {} connected to ask about transaction {}", transaction.topic(),
                    transaction.transactionId());
        }
    }

    private void rollBack(PendingTransaction transaction) {
        LOG.info("rolling back transaction {} of message {} in {}: no outcome after {} checks",
                transaction.transactionId(), transaction.messageId(), transaction.topic(), transaction.checks());
        try {
            transactions.end(transaction.transactionId(), transaction.messageId(), transaction.topic(),
                    TransactionOutcome.ROLLBACK).whenComplete((done, failure) -> {
                        if (failure != null) {
                            LOG.warn("rolling back transaction {} failed; it is retried",
                                    transaction.transactionId(), failure);
                        }
                    });
        } catch (InvalidTransactionException endedMeanwhile) {
            LOG.debug("transaction {} ended while being rolled back: {}", transaction.transactionId(),
                    endedMeanwhile.getMessage());
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            LOG.error("transaction checker round failed", e);
        }
    }

    @Override
    public void close() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }
}
