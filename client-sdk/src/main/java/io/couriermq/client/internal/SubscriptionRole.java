package io.couriermq.client.internal;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.FilterExpression;
import apache.rocketmq.v2.FilterType;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.Subscription;
import apache.rocketmq.v2.SubscriptionEntry;
import com.google.protobuf.util.Durations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consumer as brokers see it: its type, group and subscriptions (topic and tag expression each), announced in
 * its settings. For push consumers it also keeps what the brokers answer ({@link ConsumerSettings}); the other
 * consumer types only need the answer to arrive.
 *
 * <p>Thread-safe.
 */
final class SubscriptionRole implements ClientRole {

    private final ClientType type;
    private final String namespace;
    private final String group;
    private final Map<String, String> expressions;
    private final Duration longPollingTimeout;
    private volatile ConsumerSettings serverSettings;

    /**
     * @param expressions        tag expression per subscribed topic, in subscription order
     * @param longPollingTimeout what a simple consumer announces as its await duration; null for the others
     */
    SubscriptionRole(ClientType type, String namespace, String group, Map<String, String> expressions,
                     Duration longPollingTimeout) {
        this.type = type;
        this.namespace = namespace;
        this.group = group;
        this.expressions = new LinkedHashMap<>(expressions);
        this.longPollingTimeout = longPollingTimeout;
    }

    List<String> topics() {
        return List.copyOf(expressions.keySet());
    }

    FilterExpression filter(String topic) {
        return FilterExpression.newBuilder().setType(FilterType.TAG)
                .setExpression(expressions.getOrDefault(topic, "*")).build();
    }

    /** The broker's settings for a push consumer; present once a broker answered (the consumer's start waits). */
    ConsumerSettings serverSettings() {
        ConsumerSettings settings = serverSettings;
        if (settings == null) {
            throw new IllegalStateException("no broker has answered the consumer's settings yet");
        }
        return settings;
    }

    @Override
    public ClientType clientType() {
        return type;
    }

    @Override
    public Optional<String> group() {
        return Optional.of(group);
    }

    @Override
    public Settings settings() {
        Subscription.Builder subscription = Subscription.newBuilder().setGroup(resource(group));
        expressions.keySet().forEach(topic -> subscription.addSubscriptions(SubscriptionEntry.newBuilder()
                .setTopic(resource(topic)).setExpression(filter(topic))));
        if (longPollingTimeout != null) {
            subscription.setLongPollingTimeout(Durations.fromMillis(longPollingTimeout.toMillis()));
        }
        return Settings.newBuilder().setSubscription(subscription).build();
    }

    @Override
    public void onServerSettings(Settings server) {
        if (type == ClientType.PUSH_CONSUMER) {
            serverSettings = ConsumerSettings.from(server);
        } else if (!server.hasSubscription()) {
            throw new IllegalArgumentException("the broker answered a consumer without subscription settings");
        }
    }

    private Resource resource(String name) {
        return Resource.newBuilder().setResourceNamespace(namespace).setName(name).build();
    }
}
