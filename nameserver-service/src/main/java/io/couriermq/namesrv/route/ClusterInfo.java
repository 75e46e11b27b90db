package io.couriermq.namesrv.route;

import io.couriermq.server.route.BrokerGroup;

import java.util.List;
import java.util.Map;

/**
 * Every cluster and every live broker.
 *
 * @param brokerNamesByCluster sorted by cluster name, each list sorted
 * @param brokers              sorted by broker name
 */
public record ClusterInfo(Map<String, List<String>> brokerNamesByCluster, List<BrokerGroup> brokers) {
}
