package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Address;
import apache.rocketmq.v2.AddressScheme;
import apache.rocketmq.v2.Broker;
import apache.rocketmq.v2.Endpoints;

import java.util.function.IntSupplier;

/**
 * This broker as clients address it: its name, id and the gRPC endpoint it advertises.
 *
 * @param grpcHost the host or IP clients connect to (RocketMQ's brokerIP1)
 * @param grpcPort the port the gRPC server is bound to, read when needed since port 0 binds a free one
 */
record LocalBroker(String brokerName, int brokerId, String grpcHost, IntSupplier grpcPort) {

    Broker toV2() {
        AddressScheme scheme = grpcHost.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") ? AddressScheme.IPv4
                : grpcHost.contains(":") ? AddressScheme.IPv6 : AddressScheme.DOMAIN_NAME;
        return Broker.newBuilder()
                .setName(brokerName)
                .setId(brokerId)
                .setEndpoints(Endpoints.newBuilder().setScheme(scheme)
                        .addAddresses(Address.newBuilder().setHost(grpcHost).setPort(grpcPort.getAsInt())))
                .build();
    }

    String grpcAddress() {
        return grpcHost + ":" + grpcPort.getAsInt();
    }
}
