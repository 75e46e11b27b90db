package io.couriermq.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brokers a producer recently failed to reach. Queue selection avoids them while others are available, so retries
 * and later sends do not keep hitting a dead broker until the route drops it. A successful heartbeat releases one.
 *
 * <p>Thread-safe.
 */
public final class EndpointIsolation {

    private final Set<Endpoint> isolated = ConcurrentHashMap.newKeySet();

    public void isolate(Endpoint endpoint) {
        isolated.add(endpoint);
    }

    public void release(Endpoint endpoint) {
        isolated.remove(endpoint);
    }

    public boolean isIsolated(Endpoint endpoint) {
        return isolated.contains(endpoint);
    }
}
