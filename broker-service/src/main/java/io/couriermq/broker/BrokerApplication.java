package io.couriermq.broker;

import io.couriermq.broker.config.RocketMqBrokerKeys;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Starts a broker: see {@link io.couriermq.broker.config.BrokerProperties} for its settings. Takes RocketMQ's
 * {@code mqbroker} options ({@code -c broker-a.properties -n 127.0.0.1:9876}) beside Spring's {@code --key=value}.
 */
@SpringBootApplication
@EnableScheduling
public class BrokerApplication {

    public static void main(String[] args) {
        RocketMqBrokerKeys.launch().prepare(args)
                .ifPresent(springArguments -> SpringApplication.run(BrokerApplication.class, springArguments));
    }
}
