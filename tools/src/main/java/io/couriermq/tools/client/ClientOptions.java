package io.couriermq.tools.client;

import io.couriermq.client.ClientConfig;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How the client commands reach the cluster: the NameServer address, as RocketMQ's -n, and TLS or not. */
final class ClientOptions {

    @Option(names = {"-n", "--namesrvAddr"}, description = "NameServer address (default: $NAMESRV_ADDR, else "
            + "127.0.0.1:9876)")
    String namesrvAddr = System.getenv().getOrDefault("NAMESRV_ADDR", "127.0.0.1:9876");

    @Option(names = "--tls", description = "use TLS (any server certificate is trusted)")
    boolean tls;

    ClientConfig config() {
        // The SDK takes one access point; a RocketMQ-style list names the first.
        return ClientConfig.builder().endpoints(namesrvAddr.split(";")[0].trim()).tls(tls)
                .requestTimeout(Duration.ofSeconds(5)).build();
    }
}
