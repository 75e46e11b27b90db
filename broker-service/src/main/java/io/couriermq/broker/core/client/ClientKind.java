package io.couriermq.broker.core.client;

/** What a connected client is, as its settings say. */
public enum ClientKind {
    PRODUCER, PUSH_CONSUMER, SIMPLE_CONSUMER, PULL_CONSUMER
}
