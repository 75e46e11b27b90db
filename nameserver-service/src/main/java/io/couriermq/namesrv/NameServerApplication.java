package io.couriermq.namesrv;

import io.couriermq.namesrv.config.RocketMqNamesrvKeys;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the Courier NameServer: gRPC on {@code courier.namesrv.grpc-port}, REST and actuator on {@code server.port}.
 * Takes RocketMQ's {@code mqnamesrv} options ({@code -c namesrv.properties}) beside Spring's {@code --key=value}.
 */
@SpringBootApplication
public class NameServerApplication {

    public static void main(String[] args) {
        RocketMqNamesrvKeys.launch().prepare(args)
                .ifPresent(springArguments -> SpringApplication.run(NameServerApplication.class, springArguments));
    }
}
