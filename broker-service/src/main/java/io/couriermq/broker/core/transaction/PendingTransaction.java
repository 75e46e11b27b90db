package io.couriermq.broker.core.transaction;

/**
 * A transaction whose half message waits for its outcome.
 *
 * @param halfQueueOffset where the half message is in the half topic's queue
 * @param physicalOffset  where it is in the commit log (its transaction id says the same)
 * @param topic           the topic it goes to on commit
 * @param storeTimestamp  when the half message was stored
 * @param checks          how often the broker has asked about it so far
 * @param nextCheckAt     when it asks next, epoch millis
 */
public record PendingTransaction(long halfQueueOffset, long physicalOffset, String topic, String messageId,
                                 long storeTimestamp, int checks, long nextCheckAt) {

    public String transactionId() {
        return TransactionIds.of(physicalOffset);
    }

    PendingTransaction checked(long nextCheck) {
        return new PendingTransaction(halfQueueOffset, physicalOffset, topic, messageId, storeTimestamp, checks + 1,
                nextCheck);
    }

    PendingTransaction checkNoEarlierThan(long time) {
        return nextCheckAt >= time ? this : new PendingTransaction(halfQueueOffset, physicalOffset, topic, messageId,
                storeTimestamp, checks, time);
    }
}
