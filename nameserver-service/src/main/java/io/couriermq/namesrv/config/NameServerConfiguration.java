package io.couriermq.namesrv.config;

import io.couriermq.namesrv.grpc.ClientAccessService;
import io.couriermq.namesrv.grpc.GrpcServerLifecycle;
import io.couriermq.namesrv.grpc.NameServerGrpcService;
import io.couriermq.namesrv.metrics.NameServerMetrics;
import io.couriermq.namesrv.route.ExpiryScanner;
import io.couriermq.namesrv.route.RouteTable;
import io.couriermq.server.grpc.ServerCertificate;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Builds the NameServer from {@link NameServerProperties}: the route table, its expiry scan, the two gRPC services
 * and the server that carries them. Beans that hold threads or sockets stop with the context (the scanner through
 * {@code close()}, the server as a SmartLifecycle).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NameServerProperties.class)
public class NameServerConfiguration {

    /** Addresses that mean "every interface"; a certificate cannot name them. */
    private static final Set<String> WILDCARD_ADDRESSES = Set.of("0.0.0.0", "::", "[::]");

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RouteTable routeTable(Clock clock, NameServerProperties properties) {
        return new RouteTable(clock, properties.brokerExpiry());
    }

    @Bean
    ExpiryScanner expiryScanner(RouteTable routeTable, NameServerProperties properties) {
        return ExpiryScanner.start(routeTable, properties.expiryScanInterval());
    }

    @Bean
    NameServerMetrics nameServerMetrics(MeterRegistry registry, RouteTable routeTable) {
        return new NameServerMetrics(registry, routeTable);
    }

    @Bean
    NameServerGrpcService nameServerGrpcService(RouteTable routeTable, NameServerMetrics metrics) {
        return new NameServerGrpcService(routeTable, metrics);
    }

    @Bean
    ClientAccessService clientAccessService(RouteTable routeTable, NameServerMetrics metrics) {
        return new ClientAccessService(routeTable, metrics);
    }

    @Bean
    GrpcServerLifecycle grpcServer(NameServerProperties properties, NameServerGrpcService nameServerService,
                                   ClientAccessService clientAccessService)
            throws IOException, GeneralSecurityException {
        return new GrpcServerLifecycle(new InetSocketAddress(properties.bindAddress(), properties.grpcPort()),
                sslContext(properties), List.of(nameServerService, clientAccessService));
    }

    private static SslContext sslContext(NameServerProperties properties)
            throws IOException, GeneralSecurityException {
        NameServerProperties.Tls tls = properties.tls();
        if (tls.configured()) {
            return ServerCertificate.fromFiles(tls.certificateChain().toFile(), tls.privateKey().toFile());
        }
        return WILDCARD_ADDRESSES.contains(properties.bindAddress())
                ? ServerCertificate.selfSigned()
                : ServerCertificate.selfSigned(properties.bindAddress());
    }
}
