package io.couriermq.namesrv.metrics;

import io.couriermq.namesrv.route.BrokerRegistration;
import io.couriermq.namesrv.route.RouteTable;
import io.couriermq.server.route.BrokerRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NameServer's own meters. Prometheus names: {@code courier_namesrv_brokers} (live broker instances by cluster
 * and role), {@code courier_namesrv_route_queries_total} (gRPC route queries by result) and
 * {@code courier_namesrv_registrations_total}.
 *
 * <p>Broker gauges are created the first time a (cluster, role) pair registers and then read the route table on
 * every scrape; a pair whose brokers all left reads 0 rather than vanishing, so dashboards see the drop.
 */
public final class NameServerMetrics {

    private final MeterRegistry registry;
    private final RouteTable table;
    private final Counter routesFound;
    private final Counter routesNotFound;
    private final Counter registrations;
    /** (cluster, role) pairs with a gauge already: Micrometer warns when a gauge is registered twice. */
    private final Set<List<String>> brokerGauges = ConcurrentHashMap.newKeySet();

    public NameServerMetrics(MeterRegistry registry, RouteTable table) {
        this.registry = registry;
        this.table = table;
        this.routesFound = routeQueries("found");
        this.routesNotFound = routeQueries("not_found");
        this.registrations = Counter.builder("courier.namesrv.registrations")
                .description("Broker registrations (heartbeats included) accepted").register(registry);
    }

    public void registered(BrokerRegistration registration) {
        registrations.increment();
        String cluster = registration.key().cluster();
        BrokerRole role = registration.role();
        if (!brokerGauges.add(List.of(cluster, role.name()))) {
            return;
        }
        Gauge.builder("courier.namesrv.brokers", table, t -> countLive(t, cluster, role))
                .description("Live broker instances").tag("cluster", cluster)
                .tag("role", role.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
    }

    public void routeQueried(boolean found) {
        (found ? routesFound : routesNotFound).increment();
    }

    private Counter routeQueries(String result) {
        return Counter.builder("courier.namesrv.route.queries")
                .description("Topic route queries from brokers and clients").tag("result", result).register(registry);
    }

    private static double countLive(RouteTable table, String cluster, BrokerRole role) {
        return table.brokers().stream().filter(broker -> broker.key().cluster().equals(cluster)
                && broker.registration().role() == role).count();
    }
}
