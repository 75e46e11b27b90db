package io.couriermq.namesrv;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the Courier NameServer: gRPC on {@code courier.namesrv.grpc-port}, REST and actuator on {@code server.port}. */
@SpringBootApplication
public class NameServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(NameServerApplication.class, args);
    }
}
