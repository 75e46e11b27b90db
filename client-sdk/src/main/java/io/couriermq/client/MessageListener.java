package io.couriermq.client;

/**
 * Consumes the messages a {@link PushConsumer} receives. Called on the consumer's consumption threads, concurrently
 * for different messages (one at a time, in order, for FIFO groups). An exception counts as
 * {@link ConsumeResult#FAILURE}.
 */
@FunctionalInterface
public interface MessageListener {

    ConsumeResult consume(MessageView message);
}
