package io.couriermq.client.internal;

import apache.rocketmq.v2.Address;
import apache.rocketmq.v2.AddressScheme;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.Endpoints;
import io.couriermq.client.ClientException;

/**
 * One gRPC server address. Equal endpoints share a channel and a Telemetry session; the v2 protocol's
 * {@link Endpoints} may list several addresses, of which the first is used (Courier brokers advertise one).
 */
public record Endpoint(String host, int port) {

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    public static Endpoint parse(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + hostAndPort);
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    static Endpoint fromProto(Endpoints endpoints) {
        if (endpoints.getAddressesCount() == 0) {
            throw new ClientException(Code.INTERNAL_SERVER_ERROR_VALUE,
                    "the server named a broker without addresses");
        }
        Address first = endpoints.getAddresses(0);
        return new Endpoint(first.getHost(), first.getPort());
    }

    Endpoints toProto() {
        AddressScheme scheme = host.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? AddressScheme.IPv4
                : host.contains(":") ? AddressScheme.IPv6 : AddressScheme.DOMAIN_NAME;
        return Endpoints.newBuilder().setScheme(scheme)
                .addAddresses(Address.newBuilder().setHost(host).setPort(port)).build();
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
