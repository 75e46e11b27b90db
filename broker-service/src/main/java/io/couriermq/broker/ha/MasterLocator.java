package io.couriermq.broker.ha;

import io.couriermq.server.route.BrokerAddress;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a slave finds its master's HA port: the configured {@code haMasterAddress} when there is one (checked at
 * start), otherwise the address the NameServers gave in answer to the slave's registration, which follows the
 * master when it moves. Asked by the replication thread before each connection and every heartbeat.
 */
final class MasterLocator implements Supplier<InetSocketAddress> {

    private final Optional<BrokerAddress> configured;
    private final Supplier<Optional<String>> learned;

    /**
     * @param configured {@code host:port}, or empty to rely on {@code learned}
     * @throws IllegalArgumentException if {@code configured} is not {@code host:port}
     */
    MasterLocator(String configured, Supplier<Optional<String>> learned) {
        this.configured = configured.isBlank() ? Optional.empty() : Optional.of(BrokerAddress.parse(configured));
        this.learned = learned;
    }

    /** The master's HA address, or null while none is known. */
    @Override
    public InetSocketAddress get() {
        return configured.or(() -> learned.get().map(BrokerAddress::parse))
                .map(address -> new InetSocketAddress(address.host(), address.port()))
                .orElse(null);
    }
}
