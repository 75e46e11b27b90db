package io.couriermq.server.launch;

import java.util.Map;
import java.util.Optional;

/**
 * How one service reads RocketMQ-style properties: which RocketMQ key sets which of its Spring properties, which
 * RocketMQ keys it knows but does not apply (and why), and how {@code listenPort} places the HTTP port beside the
 * client port. A key with a dot in it ({@code server.port}, {@code courier.broker.bindAddress}) is a Spring key
 * and always passes through.
 *
 * @param renames        RocketMQ key to Spring property, values unchanged (RocketMQ writes durations in
 *                       milliseconds, which is also what Spring reads from a bare number)
 * @param notApplied     RocketMQ key to the reason this service does not use it
 * @param listenPortKey  the Spring property {@code listenPort} sets
 * @param httpPortOffset where the HTTP port (REST admin, actuator) goes relative to {@code listenPort} when the
 *                       file does not set {@code server.port}
 */
public record KeyTable(Map<String, String> renames, Map<String, String> notApplied, String listenPortKey,
                       int httpPortOffset) {

    public KeyTable {
        renames = Map.copyOf(renames);
        notApplied = Map.copyOf(notApplied);
    }

    /** The Spring property a RocketMQ key sets, if this table knows it. */
    Optional<String> springKey(String rocketMqKey) {
        return Optional.ofNullable(renames.get(rocketMqKey));
    }
}
