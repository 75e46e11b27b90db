package io.couriermq.client.internal;

import apache.rocketmq.v2.RecoverOrphanedTransactionCommand;
import apache.rocketmq.v2.TransactionResolution;
import apache.rocketmq.v2.TransactionSource;
import io.couriermq.client.TransactionChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a broker's question about a transaction this producer left open: runs the user's
 * {@link TransactionChecker} on the callback threads and, if it decides, ends the transaction at that broker.
 * UNKNOWN (or a checker that throws) sends nothing; the broker asks again later.
 */
final class OrphanedTransactionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedTransactionRecovery.class);

    private final TransactionChecker checker;

    OrphanedTransactionRecovery(TransactionChecker checker) {
        this.checker = checker;
    }

    void recover(ClientRuntime runtime, Endpoint broker, RecoverOrphanedTransactionCommand command) {
        runtime.threads().callbacks().execute(() -> {
            ReceivedMessage message = ReceivedMessage.decode(command.getMessage(), broker);
            TransactionResolution resolution;
            try {
                resolution = switch (checker.check(message)) {
                    case COMMIT -> TransactionResolution.COMMIT;
                    case ROLLBACK -> TransactionResolution.ROLLBACK;
                    case UNKNOWN -> null;
                };
            } catch (RuntimeException e) {
                LOG.warn("transaction checker failed on message {}; the broker will ask again",
                        message.messageId(), e);
                return;
            }
            if (resolution == null) {
                return;
            }
            new EndTransactionCall(runtime).end(broker, message.topic(), message.messageId(),
                    command.getTransactionId(), resolution, TransactionSource.SOURCE_SERVER_CHECK)
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            LOG.warn("ending transaction {} with {} at {} failed; the broker will ask again",
                                    command.getTransactionId(), resolution, broker, failure);
                        }
                    });
        });
    }
}
