package io.couriermq.client;

/**
 * Decides transactions a producer left open (it crashed, or lost its connection before ending them): the broker
 * asks a producer of the topic after a while, and keeps asking at intervals while the answer is
 * {@link TransactionResolution#UNKNOWN}. Typically it looks up, by the message's keys or properties, whether the
 * local transaction the message belongs to committed.
 *
 * <p>Called on the client's callback threads; it may block briefly, but should not wait long.
 */
@FunctionalInterface
public interface TransactionChecker {

    TransactionResolution check(MessageView message);
}
