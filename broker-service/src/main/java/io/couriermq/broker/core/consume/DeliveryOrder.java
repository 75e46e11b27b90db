package io.couriermq.broker.core.consume;

/**
 * Decides, for one {@link QueueCursor}, which of the messages it already fetched go out next, and whether a message
 * fetched for the first time may go out at once. Holds the messages that wait: expired deliveries, and messages held
 * back by the order. Not thread-safe: the cursor calls it under its lock.
 */
interface DeliveryOrder {

    /** A claim starts: what {@link #nextWaiting} and {@link #admit} allow may depend on it. */
    void beginClaim();

    /** The next waiting offset that may go out now, or -1. */
    long nextWaiting();

    /** Whether a message fetched for the first time may go out now; if not, it waits (and is held here). */
    boolean admit(long offset, String messageGroup);

    /** The message went out (first delivery or again); it no longer waits. */
    void delivered(long offset, String messageGroup);

    /** A delivery's invisibility ran out: the message waits to go out again. */
    void expired(long offset, Waiting waiting);

    /** The message is done (acknowledged, dead-lettered or skipped), whether it was out or waiting. */
    void finished(long offset, String messageGroup);

    /** The waiting state of an offset, or null if it does not wait. */
    Waiting waitingAt(long offset);

    /** Messages waiting, to go out again or held back. */
    int waiting();

    /** Whether some waiting message may go out now: a receive would get it. */
    boolean hasReady();

    /** Forgets every message below {@code offset} (they are gone from the queue). */
    void dropBelow(long offset);

    void clear();

    /** Expired deliveries go out again first, by offset; nothing is ever held back. */
    static DeliveryOrder unordered() {
        return new UnorderedDelivery();
    }

    /** A message group's next message goes out only once everything before it is done (FIFO consumer groups). */
    static DeliveryOrder byMessageGroup() {
        return new MessageGroupOrder();
    }
}
