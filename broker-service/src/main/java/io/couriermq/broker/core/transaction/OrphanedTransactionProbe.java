package io.couriermq.broker.core.transaction;

import io.couriermq.store.StoredMessage;

/**
 * Asks a producer what became of a transaction it left open. The producer answers later, if at all, by ending
 * the transaction like any other. The protocol layer implements it over a producer's Telemetry stream.
 */
@FunctionalInterface
public interface OrphanedTransactionProbe {

    /**
     * Asks one live producer of the message's topic about it; false if no such producer is connected.
     *
     * @param message       the half message as its producer sent it (real topic, id, properties, body)
     * @param transactionId the id the producer got when it sent the message
     */
    boolean ask(StoredMessage message, String transactionId);
}
