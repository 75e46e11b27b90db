package io.couriermq.client.internal;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.QueryOffsetPolicy;
import io.couriermq.client.ClientConfig;
import io.couriermq.client.ClientException;
import io.couriermq.client.MessageQueueRef;
import io.couriermq.client.MessageView;
import io.couriermq.client.PullConsumer;
import io.couriermq.client.PullResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link PullConsumer}: queues are named by broker and id, and resolved to their broker's endpoint through the
 * topic's route (refreshed once if the route does not know the queue). Polling is the {@link PullFetcher}'s job.
 */
public final class PullConsumerImpl implements PullConsumer {

    private final ClientRuntime runtime;
    private final PullRequests requests;
    private final PullFetcher fetcher;

    private PullConsumerImpl(ClientRuntime runtime, String group) {
        this.runtime = runtime;
        this.requests = new PullRequests(runtime, group);
        this.fetcher = new PullFetcher(requests, this::resolve);
    }

    public static PullConsumer start(ClientConfig config, String group) {
        SubscriptionRole role = new SubscriptionRole(ClientType.PULL_CONSUMER, config.namespace(), group, Map.of(),
                null);
        return new PullConsumerImpl(ClientRuntime.start(config, role, List.of()), group);
    }

    @Override
    public List<MessageQueueRef> queues(String topic) {
        TopicRoute route = Futures.await(runtime.route(topic));
        return route.readableMasters().stream()
                .map(queue -> new MessageQueueRef(topic, queue.brokerName(), queue.queueId())).toList();
    }

    private CompletableFuture<QueueRoute> resolve(MessageQueueRef queue) {
        return runtime.route(queue.topic()).thenCompose(route -> route.find(queue.brokerName(), queue.queueId())
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> runtime.refreshRoute(queue.topic()).thenApply(fresh -> fresh
                        .find(queue.brokerName(), queue.queueId())
                        .orElseThrow(() -> new ClientException(Code.NOT_FOUND_VALUE,
                                "the route of " + queue.topic() + " has no queue " + queue)))));
    }

    @Override
    public void assign(Collection<MessageQueueRef> queues) {
        fetcher.assign(queues);
    }

    @Override
    public Set<MessageQueueRef> assignment() {
        return fetcher.assignment();
    }

    @Override
    public PullResult pull(MessageQueueRef queue, long offset, int maxMessages, Duration longPoll) {
        return Futures.await(pullAsync(queue, offset, maxMessages, longPoll));
    }

    @Override
    public CompletableFuture<PullResult> pullAsync(MessageQueueRef queue, long offset, int maxMessages,
                                                   Duration longPoll) {
        return resolve(queue).thenCompose(route -> requests.pull(route, offset, maxMessages, longPoll))
                .thenApply(outcome -> {
                    if (outcome.status().getCode() != Code.MESSAGE_NOT_FOUND) {
                        Statuses.check(outcome.status());
                    }
                    List<MessageView> messages = List.copyOf(outcome.messages());
                    long next = outcome.nextOffset() >= 0 ? outcome.nextOffset()
                            : offset + messages.size();
                    return new PullResult(messages, next);
                });
    }

    @Override
    public List<MessageView> poll(Duration timeout) {
        if (runtime.isClosed()) {
            throw new ClientException(ClientException.NO_STATUS, "the consumer is closed");
        }
        return fetcher.poll(timeout);
    }

    @Override
    public long position(MessageQueueRef queue) {
        long known = fetcher.knownPosition(queue);
        if (known >= 0) {
            return known;
        }
        long committed = committed(queue);
        fetcher.seek(queue, committed);
        return committed;
    }

    @Override
    public void seek(MessageQueueRef queue, long offset) {
        fetcher.seek(queue, offset);
    }

    @Override
    public void seekToBeginning(MessageQueueRef queue) {
        seekTo(queue, QueryOffsetPolicy.BEGINNING, null);
    }

    @Override
    public void seekToEnd(MessageQueueRef queue) {
        seekTo(queue, QueryOffsetPolicy.END, null);
    }

    @Override
    public void seekToTimestamp(MessageQueueRef queue, Instant timestamp) {
        seekTo(queue, QueryOffsetPolicy.TIMESTAMP, timestamp);
    }

    private void seekTo(MessageQueueRef queue, QueryOffsetPolicy policy, Instant timestamp) {
        fetcher.seek(queue, Futures.await(resolve(queue)
                .thenCompose(route -> requests.queryOffset(route, policy, timestamp))));
    }

    @Override
    public void commit(MessageQueueRef queue, long offset) {
        Futures.await(resolve(queue).thenCompose(route -> requests.commit(route, offset)));
    }

    @Override
    public long committed(MessageQueueRef queue) {
        return Futures.await(resolve(queue).thenCompose(requests::committed));
    }

    @Override
    public void close() {
        runtime.close();
    }
}
