package io.couriermq.namesrv.route;

import io.couriermq.server.route.BrokerAddress;
import io.couriermq.server.route.BrokerRole;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a broker instance reports about itself in one registration; the latest one replaces all earlier ones.
 * Validated on construction, so nothing inconsistent ever reaches the {@link RouteTable}.
 *
 * @param topics                every topic the broker serves, by name; a topic missing here is no longer served
 * @param stateVersion          grows whenever the broker's topics change; equal values mean equal topics
 * @param brokerPermission      permission bits of the broker as a whole, restricting every topic's
 * @param autoCreateTopics      whether the broker creates topics on first send (RocketMQ's autoCreateTopicEnable)
 * @param defaultTopicQueueNums read and write queues of a topic created on first send
 */
public record BrokerRegistration(BrokerKey key, BrokerRole role, String grpcAddress, String adminAddress,
                                 String haAddress, Map<String, RegisteredTopic> topics, long maxPhysicalOffset,
                                 long stateVersion, int brokerPermission, boolean autoCreateTopics,
                                 int defaultTopicQueueNums) {

    /** RocketMQ's permission field has 4 bits: priority, read, write, inherit. */
    private static final int MAX_PERMISSION = 15;

    public BrokerRegistration {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        if (role.isMaster() != (key.brokerId() == 0)) {
            throw new IllegalArgumentException("broker " + key + ": a " + role + " must have broker id "
                    + (role.isMaster() ? "0" : "above 0"));
        }
        try {
            BrokerAddress.parse(grpcAddress);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker " + key + ": grpcAddress: " + e.getMessage(), e);
        }
        Objects.requireNonNull(adminAddress, "adminAddress");
        Objects.requireNonNull(haAddress, "haAddress");
        topics = Map.copyOf(topics);
        if (brokerPermission < 0 || brokerPermission > MAX_PERMISSION) {
            throw new IllegalArgumentException("broker " + key + ": brokerPermission must be in [0, "
                    + MAX_PERMISSION + "], was " + brokerPermission);
        }
        if (autoCreateTopics && defaultTopicQueueNums < 1) {
            throw new IllegalArgumentException("broker " + key + ": defaultTopicQueueNums must be at least 1 when"
                    + " autoCreateTopics is on, was " + defaultTopicQueueNums);
        }
    }

    /** The topics keyed by name; refuses two entries with the same name. */
    public static Map<String, RegisteredTopic> byName(Collection<RegisteredTopic> topics) {
        Map<String, RegisteredTopic> byName = new LinkedHashMap<>();
        for (RegisteredTopic topic : topics) {
            if (byName.putIfAbsent(topic.name(), topic) != null) {
                throw new IllegalArgumentException("topic " + topic.name() + " is listed twice");
            }
        }
        return byName;
    }
}
