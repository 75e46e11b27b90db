package io.couriermq.broker.core.transaction;

/** How a transaction ended: its message delivered, or discarded. */
public enum TransactionOutcome {
    COMMIT('C'), ROLLBACK('R');

    private final char code;

    TransactionOutcome(char code) {
        this.code = code;
    }

    char code() {
        return code;
    }

    static TransactionOutcome ofCode(char code) {
        for (TransactionOutcome outcome : values()) {
            if (outcome.code == code) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("no transaction outcome has code '" + code + "'");
    }
}
