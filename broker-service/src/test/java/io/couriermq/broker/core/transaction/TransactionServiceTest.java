package io.couriermq.broker.core.transaction;

import io.couriermq.broker.MutableClock;
import io.couriermq.broker.core.produce.Envelope;
import io.couriermq.broker.core.produce.SystemProperties;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.store.AppendResult;
import io.couriermq.store.ByteSize;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;
import io.couriermq.store.dispatch.LogListener;
import io.couriermq.store.record.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Transactions against a real store: commit and rollback, bad ends, orphan checks and their limit, and open
 * transactions across clean and unclean restarts. The probe stands in for producers' Telemetry streams, recording
 * what the broker asks.
 */
class TransactionServiceTest {

    private static final String TOPIC = "Payments";
    private static final TransactionConfig CONFIG = new TransactionConfig(Duration.ofSeconds(6),
            Duration.ofSeconds(10), 3);

    /** What the checker asked, and whether a producer was there to ask. */
    private static final class RecordingProbe implements OrphanedTransactionProbe {
        final List<String> asked = new ArrayList<>();
        final List<StoredMessage> messages = new ArrayList<>();
        boolean producerConnected = true;

        @Override
        public boolean ask(StoredMessage message, String transactionId) {
            asked.add(transactionId);
            messages.add(message);
            return producerConnected;
        }
    }

    /**
     * Holds the store's dispatcher at the first record fed after {@link #close()} until {@link #open()}. Listeners
     * are fed after the consume queues, so that record is in its queue and every later one is not.
     */
    private static final class DispatchGate implements LogListener {
        private volatile CountDownLatch held = new CountDownLatch(0);

        void close() {
            held = new CountDownLatch(1);
        }

        void open() {
            held.countDown();
        }

        @Override
        public void onEntry(LogEntry entry) {
            try {
                // Bounded, so a failing test cannot leave the dispatcher (and the store's close) stuck.
                held.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @TempDir
    Path dir;

    private final DispatchGate dispatchGate = new DispatchGate();

    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final RecordingProbe probe = new RecordingProbe();
    private final List<String> ended = new ArrayList<>();
    private MessageStore store;
    private TransactionService transactions;
    private TransactionChecker checker;

    @BeforeEach
    void open() {
        store = MessageStore.open(StoreConfig.builder(dir.resolve("store")).clock(clock)
                .commitLogSegmentSize(ByteSize.ofMebibytes(4)).maxMessageSize(ByteSize.ofKibibytes(64))
                .consumeQueueSegmentEntries(10_000).indexHashSlots(1000).indexEntriesPerFile(40_000).build(),
                List.of(dispatchGate));
        openTransactions();
    }

    private void openTransactions() {
        transactions = TransactionService.open(store, dir.resolve("config"), CONFIG, clock,
                (topic, outcome, millis) -> ended.add(topic + ":" + outcome));
        checker = new TransactionChecker(transactions, probe, CONFIG, clock);
    }

    @AfterEach
    void close() throws IOException {
        dispatchGate.open();
        transactions.close();
        store.close();
    }

    private record Half(String transactionId, String messageId) {
    }

    private Half prepare(String messageId) {
        Message message = new Message(TOPIC, 2, 0, Map.of(SystemProperties.MESSAGE_ID, messageId, "orderId", "42"),
                messageId.getBytes(StandardCharsets.UTF_8), clock.millis(), null);
        AppendResult half = store.append(TransactionService.half(message)).join();
        awaitDispatched();
        return new Half(TransactionIds.of(half.physicalOffset()), messageId);
    }

    private void awaitDispatched() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() ->
                store.stats().dispatchedOffset() == store.stats().logWrittenOffset());
    }

    private void end(Half half, TransactionOutcome outcome) {
        transactions.end(half.transactionId(), half.messageId(), TOPIC, outcome).join();
        awaitDispatched();
    }

    private List<String> delivered() {
        return store.getMessages(TOPIC, 2, 0, 100, TagFilter.all()).messages().stream()
                .map(StoredMessage::messageId).toList();
    }

    @Test
    void aHalfMessageIsHiddenUntilCommitThenDeliveredOnce() throws IOException {
        Half half = prepare("pay-1");
        assertThat(delivered()).isEmpty();
        assertThat(store.maxOffset(TopicNames.TRANSACTION_HALF_TOPIC, 0)).isEqualTo(1);
        end(half, TransactionOutcome.COMMIT);
        end(half, TransactionOutcome.COMMIT);
        checker.tick();
        end(half, TransactionOutcome.COMMIT);
        assertThat(delivered()).containsExactly("pay-1");
        StoredMessage out = store.getMessages(TOPIC, 2, 0, 1, TagFilter.all()).messages().get(0);
        assertThat(out.properties()).containsEntry("orderId", "42")
                .doesNotContainKeys(Envelope.REAL_TOPIC, Envelope.REAL_QUEUE_ID);
        assertThat(transactions.pending()).isEmpty();
        assertThat(transactions.stats().committed()).isEqualTo(1);
        assertThat(ended).containsExactly(TOPIC + ":COMMIT");
        assertThatThrownBy(() -> transactions.end(half.transactionId(), half.messageId(), TOPIC,
                TransactionOutcome.ROLLBACK)).isInstanceOf(InvalidTransactionException.class);
    }

    @Test
    void aRolledBackTransactionDeliversNothing() throws IOException {
        Half half = prepare("pay-2");
        end(half, TransactionOutcome.ROLLBACK);
        checker.tick();
        assertThat(delivered()).isEmpty();
        assertThat(transactions.pending()).isEmpty();
        assertThat(transactions.stats().rolledBack()).isEqualTo(1);
        assertThatThrownBy(() -> transactions.end(half.transactionId(), half.messageId(), TOPIC,
                TransactionOutcome.COMMIT)).isInstanceOf(InvalidTransactionException.class);
    }

    @Test
    void aCommitArrivingBeforeTheHalfTopicsQueueHasTheHalfMessageDeliversIt() throws IOException {
        dispatchGate.close();
        store.append(new Message(TOPIC, 1, 0, Map.of(), new byte[1], clock.millis(), null)).join();
        Message message = new Message(TOPIC, 2, 0, Map.of(SystemProperties.MESSAGE_ID, "pay-13"),
                new byte[1], clock.millis(), null);
        AppendResult stored = store.append(TransactionService.half(message)).join();
        assertThat(store.maxOffset(TopicNames.TRANSACTION_HALF_TOPIC, 0)).as("queue not there yet").isZero();

        transactions.end(TransactionIds.of(stored.physicalOffset()), "pay-13", TOPIC, TransactionOutcome.COMMIT)
                .join();
        dispatchGate.open();
        awaitDispatched();
        checker.tick();
        assertThat(delivered()).containsExactly("pay-13");
        assertThat(transactions.pending()).isEmpty();
        assertThat(transactions.stats().committed()).isEqualTo(1);
    }

    @Test
    void anEndThatNamesNoTransactionOfThisBrokerIsRefused() {
        Half half = prepare("pay-3");
        for (String id : new String[] {"", "TX", "nonsense", "TXZZ", "TX" + "F".repeat(17), "TX" + "F".repeat(16),
            "TX7FFFFFFF", "TX1"}) {
            assertThatThrownBy(() -> transactions.end(id, half.messageId(), TOPIC, TransactionOutcome.COMMIT))
                    .as(id).isInstanceOf(InvalidTransactionException.class);
        }
        assertThatThrownBy(() -> transactions.end(half.transactionId(), "other-message", TOPIC,
                TransactionOutcome.COMMIT)).isInstanceOf(InvalidTransactionException.class);
        assertThatThrownBy(() -> transactions.end(half.transactionId(), half.messageId(), "OtherTopic",
                TransactionOutcome.COMMIT)).isInstanceOf(InvalidTransactionException.class);
        assertThat(delivered()).isEmpty();
    }

    @Test
    void anOpenTransactionIsCheckedAfterTheTimeoutAtEachIntervalAndRolledBackAfterTheLastCheck() throws IOException {
        Half half = prepare("pay-4");
        checker.tick();
        assertThat(transactions.pending()).singleElement()
                .satisfies(open -> assertThat(open.transactionId()).isEqualTo(half.transactionId()));
        clock.advance(Duration.ofMillis(5_999));
        checker.tick();
        assertThat(probe.asked).isEmpty();
        clock.advance(Duration.ofMillis(1));
        checker.tick();
        checker.tick();
        assertThat(probe.asked).containsExactly(half.transactionId());
        StoredMessage shown = probe.messages.get(0);
        assertThat(shown.topic()).isEqualTo(TOPIC);
        assertThat(shown.queueId()).isEqualTo(2);
        assertThat(shown.messageId()).isEqualTo("pay-4");
        assertThat(shown.properties()).doesNotContainKeys(Envelope.REAL_TOPIC, Envelope.REAL_QUEUE_ID);

        probe.producerConnected = false;
        clock.advance(Duration.ofSeconds(10));
        checker.tick();
        clock.advance(Duration.ofSeconds(10));
        checker.tick();
        assertThat(probe.asked).hasSize(3);
        assertThat(transactions.pending()).singleElement()
                .satisfies(open -> assertThat(open.checks()).isEqualTo(3));
        clock.advance(Duration.ofSeconds(10));
        checker.tick();
        awaitDispatched();
        checker.tick();
        assertThat(probe.asked).as("no fourth check").hasSize(3);
        assertThat(transactions.pending()).isEmpty();
        assertThat(delivered()).isEmpty();
        assertThat(ended).containsExactly(TOPIC + ":ROLLBACK");
    }

    @Test
    void aProducerAnsweringACheckCommitsTheTransaction() throws IOException {
        Half half = prepare("pay-5");
        clock.advance(Duration.ofSeconds(6));
        checker.tick();
        assertThat(probe.asked).containsExactly(half.transactionId());
        end(half, TransactionOutcome.COMMIT);
        clock.advance(Duration.ofSeconds(60));
        checker.tick();
        assertThat(probe.asked).hasSize(1);
        assertThat(delivered()).containsExactly("pay-5");
    }

    @Test
    void openTransactionsAndTheirChecksOutliveACleanRestart() throws IOException {
        Half committed = prepare("pay-6");
        Half open = prepare("pay-7");
        Half rolledBack = prepare("pay-8");
        end(committed, TransactionOutcome.COMMIT);
        end(rolledBack, TransactionOutcome.ROLLBACK);
        clock.advance(Duration.ofSeconds(6));
        checker.tick();
        transactions.close();
        openTransactions();
        assertThat(transactions.pending()).singleElement().satisfies(p -> {
            assertThat(p.transactionId()).isEqualTo(open.transactionId());
            assertThat(p.checks()).isEqualTo(1);
        });
        end(open, TransactionOutcome.COMMIT);
        assertThat(delivered()).containsExactly("pay-6", "pay-7");
    }

    @Test
    void openTransactionsAreFoundAgainFromTheLogsAfterACrashAndCheckedOnlyAfterAGracePeriod() throws IOException {
        Half first = prepare("pay-9");
        transactions.close();
        openTransactions();
        Half second = prepare("pay-10");
        Half third = prepare("pay-11");
        end(third, TransactionOutcome.ROLLBACK);
        clock.advance(Duration.ofSeconds(60));
        // No close: the snapshot is the one from before 'second' and 'third'.
        openTransactions();
        assertThat(transactions.pending()).extracting(PendingTransaction::transactionId)
                .containsExactly(first.transactionId(), second.transactionId());
        checker.tick();
        assertThat(probe.asked).as("producers get a timeout's time to reconnect").isEmpty();
        clock.advance(Duration.ofSeconds(6));
        checker.tick();
        assertThat(probe.asked).containsExactly(first.transactionId(), second.transactionId());
    }

    @Test
    void aCommitRacingTheRollbackOfTheLastCheckHasOneOutcome() throws IOException {
        Half half = prepare("pay-12");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(10));
            checker.tick();
        }
        List<Throwable> failures = new ArrayList<>();
        try {
            transactions.end(half.transactionId(), half.messageId(), TOPIC, TransactionOutcome.COMMIT).join();
        } catch (InvalidTransactionException | CompletionException e) {
            failures.add(e);
        }
        awaitDispatched();
        checker.tick();
        assertThat(transactions.pending()).isEmpty();
        assertThat(failures.isEmpty() ? delivered() : List.of()).hasSizeLessThanOrEqualTo(1);
        assertThat(delivered()).hasSize(failures.isEmpty() ? 1 : 0);
    }
}
