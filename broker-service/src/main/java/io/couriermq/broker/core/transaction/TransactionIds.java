package io.couriermq.broker.core.transaction;

/**
 * Transaction ids as producers see them: the queue offset of the half message in the half topic, in hex behind a
 * fixed prefix. Producers only echo the id, and it leads straight to the half message without any lookup table.
 */
public final class TransactionIds {

    private static final String PREFIX = "TX";

    private TransactionIds() {
    }

    public static String of(long halfQueueOffset) {
        return PREFIX + Long.toHexString(halfQueueOffset).toUpperCase(java.util.Locale.ROOT);
    }

    /** The half message's queue offset; {@link InvalidTransactionException} if this is not an id we issue. */
    static long halfQueueOffset(String transactionId) {
        if (transactionId == null || !transactionId.startsWith(PREFIX) || transactionId.length() > PREFIX.length() + 16
                || transactionId.length() == PREFIX.length()) {
            throw new InvalidTransactionException("'" + transactionId + "' is not a transaction id of this broker");
        }
        try {
            return Long.parseUnsignedLong(transactionId.substring(PREFIX.length()), 16);
        } catch (NumberFormatException e) {
            throw new InvalidTransactionException("'" + transactionId + "' is not a transaction id of this broker");
        }
    }
}
