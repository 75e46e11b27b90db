package io.couriermq.broker.metrics;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.store.StoreStats;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Health as operators read it: the store accepts writes, and the broker is registered with its NameServers
 * (without which no client finds it).
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
