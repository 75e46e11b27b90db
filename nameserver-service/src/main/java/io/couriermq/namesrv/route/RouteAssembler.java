package io.couriermq.namesrv.route;

import io.couriermq.server.route.BrokerGroup;
import io.couriermq.server.route.PermBits;
import io.couriermq.server.route.QueueData;
import io.couriermq.server.route.RouteMessageType;
import io.couriermq.server.route.TopicRoute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds routes and cluster views from a snapshot of registered brokers. Pure functions, so the rules are easy to
 * test and {@link RouteTable} only has to take the snapshot.
 *
 * <p>A broker group's queues for a topic come from its master's topic configuration: slaves copy it from the master
 * and may lag behind, so the master's word is final, including when it has dropped the topic. Only when the master
 * is gone do the slaves' configurations keep the topic visible (readable there, as in RocketMQ), the lowest
 * broker id first.
 */
final class RouteAssembler {

    /** A broker group: the unit a route lists, and what slaves share with their master. */
    private record GroupKey(String cluster, String brokerName) {
    }

    private static final Comparator<GroupKey> GROUP_ORDER =
            Comparator.comparing(GroupKey::brokerName).thenComparing(GroupKey::cluster);

    private RouteAssembler() {
    }

    /**
     * The route of {@code topic}: every group serving it, or, if none does, every group whose master creates topics
     * on first send, offering its default queue count for any message type. Empty if neither exists.
     */
    static Optional<TopicRoute> route(String topic, Collection<RegisteredBroker> brokers) {
        Map<GroupKey, List<RegisteredBroker>> groups = groups(brokers);
        Map<GroupKey, QueueData> queues = new TreeMap<>(GROUP_ORDER);
        groups.forEach((key, members) -> servingConfig(topic, members).ifPresent(config -> queues.put(key,
                new QueueData(key.brokerName(), config.readQueueNums(), config.writeQueueNums(), config.perm(),
                        config.messageType()))));
        if (queues.isEmpty()) {
            groups.forEach((key, members) -> autoCreating(members).ifPresent(master -> queues.put(key,
                    new QueueData(key.brokerName(), master.registration().defaultTopicQueueNums(),
                            master.registration().defaultTopicQueueNums(), PermBits.READ_WRITE,
                            RouteMessageType.MIXED))));
        }
        if (queues.isEmpty()) {
            return Optional.empty();
        }
        List<BrokerGroup> brokerGroups = queues.keySet().stream()
                .map(key -> brokerGroup(key, groups.get(key))).toList();
        return Optional.of(new TopicRoute(topic, List.copyOf(queues.values()), brokerGroups));
    }

    static ClusterInfo clusterInfo(Collection<RegisteredBroker> brokers) {
        Map<GroupKey, List<RegisteredBroker>> groups = groups(brokers);
        Map<String, List<String>> namesByCluster = groups.keySet().stream().collect(Collectors.groupingBy(
                GroupKey::cluster, TreeMap::new,
                Collectors.mapping(GroupKey::brokerName, Collectors.collectingAndThen(Collectors.toList(),
                        names -> names.stream().distinct().sorted().toList()))));
        List<BrokerGroup> brokerGroups = groups.entrySet().stream()
                .map(entry -> brokerGroup(entry.getKey(), entry.getValue())).toList();
        return new ClusterInfo(namesByCluster, brokerGroups);
    }

    /** Groups sorted by broker name, members by broker id (the master, id 0, first). */
    private static Map<GroupKey, List<RegisteredBroker>> groups(Collection<RegisteredBroker> brokers) {
        Map<GroupKey, List<RegisteredBroker>> groups = new TreeMap<>(GROUP_ORDER);
        for (RegisteredBroker broker : brokers) {
            groups.computeIfAbsent(new GroupKey(broker.key().cluster(), broker.key().brokerName()),
                    key -> new ArrayList<>()).add(broker);
        }
        groups.values().forEach(members -> members.sort(Comparator.comparingLong(b -> b.key().brokerId())));
        return groups;
    }

    private static Optional<RegisteredTopic> servingConfig(String topic, List<RegisteredBroker> members) {
        Optional<RegisteredBroker> master = master(members);
        if (master.isPresent()) {
            return Optional.ofNullable(master.get().registration().topics().get(topic));
        }
        return members.stream().map(member -> member.registration().topics().get(topic))
                .filter(Objects::nonNull).findFirst();
    }

    private static Optional<RegisteredBroker> autoCreating(List<RegisteredBroker> members) {
        return master(members).filter(master -> master.registration().autoCreateTopics());
    }

    private static Optional<RegisteredBroker> master(List<RegisteredBroker> members) {
        return members.stream().filter(member -> member.key().brokerId() == 0).findFirst();
    }

    private static BrokerGroup brokerGroup(GroupKey key, List<RegisteredBroker> members) {
        return new BrokerGroup(key.cluster(), key.brokerName(),
                members.stream().map(RegisteredBroker::instance).toList());
    }
}
