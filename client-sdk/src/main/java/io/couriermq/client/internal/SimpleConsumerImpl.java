package io.couriermq.client.internal;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.Code;
import io.couriermq.client.ClientConfig;
import io.couriermq.client.ClientException;
import io.couriermq.client.MessageView;
import io.couriermq.client.SimpleConsumer;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link SimpleConsumer}: each receive asks the next readable master queue, taking turns over the subscribed
 * topics and, within each, over their brokers and queues. Thread-safe.
 */
public final class SimpleConsumerImpl implements SimpleConsumer {

    /**
     * Queue id first, then broker: consecutive receives go to different brokers. A broker answers a receive from
     * any of its queues of the topic anyway, so turns over brokers matter more than turns over queue ids.
     */
    private static final Comparator<QueueRoute> BROKERS_TAKE_TURNS =
            Comparator.comparingInt(QueueRoute::queueId).thenComparing(QueueRoute::brokerName);

    private final ClientRuntime runtime;
    private final SubscriptionRole role;
    private final Duration awaitDuration;
    private final MessageReceiver receiver;
    private final Settlements settlements;
    private final AtomicInteger topicTurn = new AtomicInteger();
    private final AtomicInteger queueTurn = new AtomicInteger();

    private SimpleConsumerImpl(ClientRuntime runtime, SubscriptionRole role, String group, Duration awaitDuration) {
        this.runtime = runtime;
        this.role = role;
        this.awaitDuration = awaitDuration;
        this.receiver = new MessageReceiver(runtime, group);
        this.settlements = new Settlements(runtime, group);
    }

    public static SimpleConsumer start(ClientConfig config, String group, Map<String, String> subscriptions,
                                       Duration awaitDuration) {
        SubscriptionRole role = new SubscriptionRole(ClientType.SIMPLE_CONSUMER, config.namespace(), group,
                subscriptions, awaitDuration);
        return new SimpleConsumerImpl(ClientRuntime.start(config, role, role.topics()), role, group, awaitDuration);
    }

    @Override
    public List<MessageView> receive(int maxMessages, Duration invisibleDuration) {
        return Futures.await(receiveAsync(maxMessages, invisibleDuration));
    }

    @Override
    public CompletableFuture<List<MessageView>> receiveAsync(int maxMessages, Duration invisibleDuration) {
        if (maxMessages < 1) {
            return CompletableFuture.failedFuture(new ClientException(Code.BAD_REQUEST_VALUE,
                    "maxMessages must be at least 1, was " + maxMessages));
        }
        if (runtime.isClosed()) {
            return CompletableFuture.failedFuture(new ClientException(ClientException.NO_STATUS,
                    "the consumer is closed"));
        }
        List<String> topics = role.topics();
        String topic = topics.get(Math.floorMod(topicTurn.getAndIncrement(), topics.size()));
        return runtime.route(topic).thenCompose(route -> {
            List<QueueRoute> readable = route.readableMasters().stream().sorted(BROKERS_TAKE_TURNS).toList();
            if (readable.isEmpty()) {
                throw new ClientException(Code.FORBIDDEN_VALUE, "topic " + topic + " has no readable queue");
            }
            QueueRoute queue = readable.get(Math.floorMod(queueTurn.getAndIncrement(), readable.size()));
            return receiver.receive(queue, role.filter(topic), maxMessages, invisibleDuration, awaitDuration, null)
                    .exceptionally(failure -> nothingIfTopicNotThereYet(topic, failure));
        }).thenApply(List::copyOf);
    }

    /**
     * A broker that creates topics on first send is in the route of topics it has not created yet; until
     * something is sent to it, asking it for messages of the topic answers TOPIC_NOT_FOUND. There is nothing to
     * receive there, so that is an empty result, and the route is refreshed in case the topic moved.
     */
    private List<ReceivedMessage> nothingIfTopicNotThereYet(String topic, Throwable failure) {
        ClientException error = Statuses.unwrap(failure);
        if (error.code() != Code.TOPIC_NOT_FOUND_VALUE) {
            throw error;
        }
        runtime.refreshRoute(topic);
        return List.of();
    }

    @Override
    public void ack(MessageView message) {
        Futures.await(ackAsync(message));
    }

    @Override
    public CompletableFuture<Void> ackAsync(MessageView message) {
        try {
            return settlements.ack(Settlements.settleable(message));
        } catch (ClientException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void changeInvisibleDuration(MessageView message, Duration invisibleDuration) {
        Futures.await(changeInvisibleDurationAsync(message, invisibleDuration));
    }

    @Override
    public CompletableFuture<Void> changeInvisibleDurationAsync(MessageView message, Duration invisibleDuration) {
        try {
            return settlements.changeInvisibleDuration(Settlements.settleable(message), invisibleDuration);
        } catch (ClientException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
