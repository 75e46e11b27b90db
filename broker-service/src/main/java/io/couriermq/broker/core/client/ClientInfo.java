package io.couriermq.broker.core.client;

import java.time.Instant;
import java.util.Set;

/**
 * A client as its last settings described it.
 *
 * @param group  the consumer group, or null for producers
 * @param topics the topics it publishes to or subscribes to
 */
public record ClientInfo(String clientId, ClientKind kind, String group, Set<String> topics, String language,
                         String version, String remoteAddress, Instant connectedAt) {

    public ClientInfo {
        topics = Set.copyOf(topics);
    }
}
