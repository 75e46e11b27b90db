package io.couriermq.broker.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the {@link BrokerRuntime} from {@link BrokerProperties}; Spring closes it on shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
public class BrokerConfiguration {

    @Bean(destroyMethod = "close")
    public BrokerRuntime brokerRuntime(BrokerProperties properties, MeterRegistry meters, ApplicationContext context)
            throws Exception {
        return BrokerRuntime.start(properties, meters, () -> adminAddress(properties, context));
    }

    /** The REST admin address the NameServer lists for this broker, once the web server knows its port. */
    private static String adminAddress(BrokerProperties properties, ApplicationContext context) {
        String host = properties.brokerIp().isEmpty() ? "127.0.0.1" : properties.brokerIp();
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return host + ":" + web.getWebServer().getPort();
        }
        return "";
    }
}
