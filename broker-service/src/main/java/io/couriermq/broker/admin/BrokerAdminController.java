package io.couriermq.broker.admin;

import io.couriermq.broker.config.BrokerProperties;
import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.core.client.ClientRegistry;
import io.couriermq.store.StoreStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The broker itself: identity and store status (mqadmin brokerStatus), and the clients connected to it. */
@RestController
@RequestMapping("/api/broker")
class BrokerAdminController {

    /** What brokerStatus shows. */
    record BrokerStatus(String clusterName, String brokerName, long brokerId, String role, String flushDiskType,
                        String grpcAddress, List<String> nameServers, Map<String, Instant> lastRegistrations,
                        int topics, int groups, int clients, StoreStats store) {
    }

    private final BrokerRuntime broker;

    BrokerAdminController(BrokerRuntime broker) {
        this.broker = broker;
    }

    @GetMapping("/status")
    BrokerStatus status() {
        BrokerProperties p = broker.properties();
        return new BrokerStatus(p.brokerClusterName(), p.brokerName(), p.brokerId(), p.brokerRole().name(),
                p.flushDiskType().name(), broker.grpcAddress(), broker.registrar().nameServers(),
                broker.registrar().lastRegistrations(), broker.topics().all().size(), broker.groups().all().size(),
                broker.clients().list().size(), broker.store().stats());
    }

    @GetMapping("/clients")
    List<ClientRegistry.Session> clients() {
        return broker.clients().list();
    }
}
