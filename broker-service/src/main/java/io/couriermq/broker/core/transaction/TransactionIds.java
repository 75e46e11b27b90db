package io.couriermq.broker.core.transaction;

/**
 * Transaction ids as producers see them: the commit log offset of the half message, in hex behind a fixed prefix.
 * Producers only echo the id, and it leads straight to the half message without any lookup table. It names the
 * log offset rather than the half topic's queue offset because a send is acknowledged once its record is written,
 * before the consume queue has it: a producer's commit often arrives while the half message can be read only by
 * its log offset.
 */
public final class TransactionIds {

    private static final String PREFIX = "TX";

    private TransactionIds() {
    }

    public static String of(long halfPhysicalOffset) {
        return PREFIX + Long.toHexString(halfPhysicalOffset).toUpperCase(java.util.Locale.ROOT);
    }

    /** The half message's commit log offset; {@link InvalidTransactionException} if this is not an id we issue. */
    static long halfPhysicalOffset(String transactionId) {
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
