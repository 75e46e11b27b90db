package io.couriermq.bench.store;

/**
 * How the load is offered: threads that each wait for every put before the next, or one thread that keeps a
 * window of puts in flight through the store's asynchronous API.
 */
enum WriterMode {

    ONE_THREAD("1", 1, false),
    FOUR_THREADS("4", 4, false),
    ASYNC_64("async64", 1, true);

    /** Puts the {@link #ASYNC_64} thread keeps in flight. */
    static final int ASYNC_WINDOW = 64;

    private final String label;
    private final int threads;
    private final boolean async;

    WriterMode(String label, int threads, boolean async) {
        this.label = label;
        this.threads = threads;
        this.async = async;
    }

    /** Parses the label used on the command line and in the table: 1, 4 or async64. */
    static WriterMode parse(String label) {
        for (WriterMode mode : values()) {
            if (mode.label.equalsIgnoreCase(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown writer mode '" + label + "', expected 1, 4 or async64");
    }

    String label() {
        return label;
    }

    int threads() {
        return threads;
    }

    boolean async() {
        return async;
    }
}
