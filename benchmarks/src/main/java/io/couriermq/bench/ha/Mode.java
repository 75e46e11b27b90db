package io.couriermq.bench.ha;

/**
 * The replication modes compared, each a cluster of its own: a master alone, and a master with one slave that
 * acknowledges sends before (SYNC_MASTER) or regardless of (ASYNC_MASTER) the slave holding them.
 */
enum Mode {

    SINGLE("single master", "ASYNC_MASTER", false),
    ASYNC("ASYNC_MASTER + slave", "ASYNC_MASTER", true),
    SYNC("SYNC_MASTER + slave", "SYNC_MASTER", true);

    private final String label;
    private final String masterRole;
    private final boolean replicated;

    Mode(String label, String masterRole, boolean replicated) {
        this.label = label;
        this.masterRole = masterRole;
        this.replicated = replicated;
    }

    String label() {
        return label;
    }

    String masterRole() {
        return masterRole;
    }

    boolean replicated() {
        return replicated;
    }
}
