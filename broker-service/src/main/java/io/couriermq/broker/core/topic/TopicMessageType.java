package io.couriermq.broker.core.topic;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kind of messages a topic accepts, as RocketMQ's {@code message.type} topic attribute names it. MIXED accepts
 * every kind; a topic created without a type is NORMAL.
 */
public enum TopicMessageType {
    NORMAL, FIFO, DELAY, TRANSACTION, MIXED;

    /** The message kinds a send to such a topic may carry. */
    public Set<TopicMessageType> accepted() {
        return this == MIXED ? EnumSet.of(NORMAL, FIFO, DELAY, TRANSACTION) : EnumSet.of(this);
    }

    public boolean accepts(TopicMessageType messageType) {
        return accepted().contains(messageType);
    }
}
