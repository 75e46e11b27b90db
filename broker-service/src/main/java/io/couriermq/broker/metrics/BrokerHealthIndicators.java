package io.couriermq.broker.metrics;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.ha.MasterReplication;
import io.couriermq.broker.ha.SlaveReplication;
import io.couriermq.ha.HandshakeStatus;
import io.couriermq.ha.ReplicationStatus;
import io.couriermq.ha.SlaveStatus;
import io.couriermq.store.StoreStats;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health as operators read it: the store accepts writes, the broker is registered with its NameServers (without
 * which no client finds it), and replication: a master lists its slaves and how far behind each is; a slave is
 * DOWN while its master refuses it (its log is ahead of or diverged from the master's, or behind its retention),
 * which only an operator can resolve.
 */
@Configuration(proxyBeanMethods = false)
class BrokerHealthIndicators {

    @Bean
    HealthIndicator storeHealthIndicator(BrokerRuntime broker) {
        return () -> {
            StoreStats stats = broker.store().stats();
            Health.Builder health = stats.writable() ? Health.up() : Health.down();
            return health.withDetail("diskUsedRatio", stats.diskUsedRatio())
                    .withDetail("logWrittenOffset", stats.logWrittenOffset())
                    .withDetail("flushBehindBytes", stats.flushBehindBytes())
                    .withDetail("dispatchBehindBytes", stats.dispatchBehindBytes())
                    .build();
        };
    }

    @Bean
    HealthIndicator replicationHealthIndicator(BrokerRuntime broker) {
        return () -> broker.replication() instanceof MasterReplication master
                ? masterHealth(master, broker.properties().brokerRole().name())
                : slaveHealth(((SlaveReplication) broker.replication()).status());
    }

    private static Health masterHealth(MasterReplication master, String role) {
        ReplicationStatus status = master.status();
        List<Map<String, Object>> slaves = status.slaves().stream().map(replica -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("slave", replica.slaveId());
            view.put("address", String.valueOf(replica.address()));
            view.put("connected", replica.connected());
            view.put("inSync", replica.inSync());
            view.put("ackedOffset", replica.ackedOffset());
            view.put("lagBytes", replica.lagBytes());
            view.put("lagMs", replica.lagTime().toMillis());
            view.put("lastAck", String.valueOf(replica.lastAckTime()));
            return view;
        }).toList();
        return Health.up().withDetail("role", role)
                .withDetail("haAddress", master.haAddress())
                .withDetail("syncWrites", !master.sync() ? "off (ASYNC_MASTER)"
                        : status.inSyncSlaves() > 0 ? "confirmed by a slave" : "failing: no slave in sync")
                .withDetail("masterEndOffset", status.masterEndOffset())
                .withDetail("confirmedOffset", status.confirmedOffset())
                .withDetail("inSyncSlaves", status.inSyncSlaves())
                .withDetail("slaves", slaves)
                .build();
    }

    private static Health slaveHealth(SlaveStatus status) {
        boolean refused = status.lastHandshake() != null && status.lastHandshake() != HandshakeStatus.OK;
        Health.Builder health = refused ? Health.down() : Health.up();
        health.withDetail("role", "SLAVE")
                .withDetail("master", String.valueOf(status.masterAddress()))
                .withDetail("connected", status.connected())
                .withDetail("endOffset", status.endOffset());
        if (status.lastHandshake() != null) {
            health.withDetail("lastHandshake", status.lastHandshake().name());
        }
        if (status.lastError() != null) {
            health.withDetail("lastError", status.lastError())
                    .withDetail("lastErrorTime", String.valueOf(status.lastErrorTime()));
        }
        return health.build();
    }

    @Bean
    HealthIndicator nameServerHealthIndicator(BrokerRuntime broker) {
        return () -> {
            if (broker.registrar().nameServers().isEmpty()) {
                return Health.up().withDetail("nameServers", "none configured").build();
            }
            Map<String, Instant> registrations = broker.registrar().lastRegistrations();
            Instant freshAfter = Instant.now().minus(broker.properties().registerInterval().multipliedBy(3))
                    .minus(Duration.ofSeconds(1));
            boolean registered = registrations.values().stream().anyMatch(at -> at.isAfter(freshAfter));
            return (registered ? Health.up() : Health.down())
                    .withDetail("nameServers", broker.registrar().nameServers())
                    .withDetail("lastRegistrations", registrations)
                    .build();
        };
    }
}
