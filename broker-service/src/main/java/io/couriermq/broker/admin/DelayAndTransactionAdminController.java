package io.couriermq.broker.admin;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.core.timer.TimerStats;
import io.couriermq.broker.core.transaction.PendingTransaction;
import io.couriermq.broker.core.transaction.TransactionStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Messages the broker holds back: delay messages waiting for their time ({@code /api/timer}), and transactions
 * waiting for their outcome ({@code /api/transactions}, each with its checks so far).
 */
@RestController
@RequestMapping("/api")
class DelayAndTransactionAdminController {

    /** An open transaction as operators look at it. */
    record OpenTransaction(String transactionId, String topic, String messageId, Instant halfStoredAt, int checks,
                           Instant nextCheckAt) {

        static OpenTransaction of(PendingTransaction transaction) {
            return new OpenTransaction(transaction.transactionId(), transaction.topic(), transaction.messageId(),
                    Instant.ofEpochMilli(transaction.storeTimestamp()), transaction.checks(),
                    Instant.ofEpochMilli(transaction.nextCheckAt()));
        }
    }

    /** The transaction counters and every open transaction, oldest first. */
    record Transactions(TransactionStats stats, List<OpenTransaction> pending) {
    }

    private final BrokerRuntime broker;

    DelayAndTransactionAdminController(BrokerRuntime broker) {
        this.broker = broker;
    }

    @GetMapping("/timer")
    TimerStats timer() {
        return broker.timer().stats();
    }

    @GetMapping("/transactions")
    Transactions transactions() {
        return new Transactions(broker.transactions().stats(),
                broker.transactions().pending().stream().map(OpenTransaction::of).toList());
    }
}
