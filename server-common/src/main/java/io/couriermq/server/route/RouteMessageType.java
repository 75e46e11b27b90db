package io.couriermq.server.route;

/**
 * The kind of messages a topic accepts, as RocketMQ's {@code message.type} topic attribute names it. MIXED accepts
 * all four kinds; a topic registered without a type is NORMAL, as in Apache RocketMQ.
 */
public enum RouteMessageType {
    NORMAL, FIFO, DELAY, TRANSACTION, MIXED
}
