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

    /** gRPC's shaded Netty reads its leak-detection level from this property when its classes load. */
    private static final String NETTY_LEAK_DETECTION = "io.grpc.netty.shaded.io.netty.leakDetection.level";

    public static void main(String[] args) {
        // Netty samples buffer allocations for leak reports and captures a stack trace for each one sampled: 3.5%
        // of the event loop's time when sending batches. A debugging aid; -D on the command line turns it back on.
        System.setProperty(NETTY_LEAK_DETECTION, System.getProperty(NETTY_LEAK_DETECTION, "disabled"));
        RocketMqBrokerKeys.launch().prepare(args)
                .ifPresent(springArguments -> SpringApplication.run(BrokerApplication.class, springArguments));
    }
}
