package io.couriermq.server.route;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A "host:port" string taken apart. IPv6 literals may be bracketed ({@code [::1]:8081}) or bare, in which case the
 * last colon separates the port ({@code ::1:8081}); the host is stored without brackets, as the RocketMQ clients
 * pass it to {@code InetSocketAddress}.
 */
public record BrokerAddress(String host, int port, Kind kind) {

    /** What the host is, which decides the RocketMQ v2 address scheme. */
    public enum Kind { IPV4, IPV6, DOMAIN_NAME }

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    public BrokerAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
    }

    /** Parses {@code hostAndPort}; throws IllegalArgumentException naming the value if it has no host or port. */
    public static BrokerAddress parse(String hostAndPort) {
        String text = hostAndPort == null ? "" : hostAndPort.trim();
        int portSeparator = text.lastIndexOf(':');
        if (portSeparator <= 0 || portSeparator == text.length() - 1) {
            throw new IllegalArgumentException("address '" + hostAndPort + "' is not host:port");
        }
        String host = text.substring(0, portSeparator);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("address '" + hostAndPort + "' has an empty host");
        }
        return new BrokerAddress(host, parsePort(hostAndPort, text.substring(portSeparator + 1)), kindOf(host));
    }

    private static int parsePort(String hostAndPort, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the whole address.
        }
        throw new IllegalArgumentException("address '" + hostAndPort + "' has no port in [1, 65535]");
    }

    private static Kind kindOf(String host) {
        if (IPV4.matcher(host).matches()) {
            return Kind.IPV4;
        }
        return host.indexOf(':') >= 0 ? Kind.IPV6 : Kind.DOMAIN_NAME;
    }
}
