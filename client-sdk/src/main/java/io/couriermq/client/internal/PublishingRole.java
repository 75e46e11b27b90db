package io.couriermq.client.internal;

import apache.rocketmq.v2.ClientType;
import apache.rocketmq.v2.ExponentialBackoff;
import apache.rocketmq.v2.Publishing;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.RetryPolicy;
import apache.rocketmq.v2.Settings;
import apache.rocketmq.v2.TelemetryCommand;
import com.google.protobuf.util.Durations;
import io.couriermq.client.TransactionChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A producer as brokers see it: the topics it publishes to, announced in its settings; and what brokers answer:
 * the largest body they take and the backoff before retrying a send they refused as too many requests. Until a
 * broker has answered, RocketMQ's defaults apply (4 MiB; 10 ms doubling up to 1 s). A producer with a transaction
 * checker also answers brokers asking about transactions it left open.
 *
 * <p>Thread-safe.
 */
final class PublishingRole implements ClientRole {

    private static final Logger LOG = LoggerFactory.getLogger(PublishingRole.class);

    private final String namespace;
    private final int maxAttempts;
    private final OrphanedTransactionRecovery recovery;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private volatile int maxBodyBytes = 4 * 1024 * 1024;
    private volatile RetryBackoff backoff;

    /** @param checker decides transactions left open; null for a producer without transactions */
    PublishingRole(String namespace, int maxAttempts, TransactionChecker checker) {
        this.namespace = namespace;
        this.maxAttempts = maxAttempts;
        this.recovery = checker == null ? null : new OrphanedTransactionRecovery(checker);
        this.backoff = RetryBackoff.exponential(maxAttempts, Duration.ofMillis(10), Duration.ofSeconds(1), 2);
    }

    /** Records a topic; true if it is new, and so the settings changed. */
    boolean addTopic(String topic) {
        return topics.add(topic);
    }

    boolean transactional() {
        return recovery != null;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    RetryBackoff backoff() {
        return backoff;
    }

    @Override
    public ClientType clientType() {
        return ClientType.PRODUCER;
    }

    @Override
    public Optional<String> group() {
        return Optional.empty();
    }

    @Override
    public Settings settings() {
        Publishing.Builder publishing = Publishing.newBuilder();
        topics.forEach(topic -> publishing.addTopics(Resource.newBuilder().setResourceNamespace(namespace)
                .setName(topic)));
        return Settings.newBuilder()
                .setPublishing(publishing)
                .setBackoffPolicy(RetryPolicy.newBuilder().setMaxAttempts(maxAttempts)
                        .setExponentialBackoff(ExponentialBackoff.newBuilder()
                                .setInitial(Durations.fromMillis(10)).setMax(Durations.fromSeconds(1))
                                .setMultiplier(2)))
                .build();
    }

    @Override
    public void onServerSettings(Settings server) {
        if (!server.hasPublishing() || server.getPublishing().getMaxBodySize() <= 0) {
            throw new IllegalArgumentException("the broker's producer settings carry no max_body_size");
        }
        maxBodyBytes = server.getPublishing().getMaxBodySize();
        if (server.hasBackoffPolicy()) {
            backoff = RetryBackoff.from(server.getBackoffPolicy());
        }
    }

    @Override
    public void onServerCommand(ClientRuntime runtime, Endpoint broker, TelemetryCommand command) {
        if (!command.hasRecoverOrphanedTransactionCommand()) {
            return;
        }
        if (recovery == null) {
            LOG.warn("{} asks about a transaction, but this producer has no transaction checker", broker);
            return;
        }
        recovery.recover(runtime, broker, command.getRecoverOrphanedTransactionCommand());
    }
}
