package io.couriermq.broker.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the {@link BrokerRuntime} from {@link BrokerProperties} and {@link ReplicationProperties}; Spring closes it
 * on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BrokerProperties.class, ReplicationProperties.class})
public class BrokerConfiguration {

    /** The HTTP port of the REST admin, which the NameServer lists for this broker; 0 until the server started. */
    private final AtomicInteger adminPort = new AtomicInteger();

    @Bean(destroyMethod = "close")
    public BrokerRuntime brokerRuntime(BrokerProperties properties, ReplicationProperties replication,
                                       MeterRegistry meters) throws Exception {
        return BrokerRuntime.start(properties, replication, meters, adminPort::get);
    }

    /**
     * Learns the HTTP port from the event, not by asking the web server: asking Tomcat for its port before it has
     * started makes it create a default connector on 8080.
     */
    @EventListener
    public void onWebServerStarted(WebServerInitializedEvent event) {
        adminPort.set(event.getWebServer().getPort());
        // Admin tools find brokers through the NameServers: tell them now rather than at the next heartbeat.
        event.getApplicationContext().getBean(BrokerRuntime.class).registrar().registerSoon();
    }
}
