package io.couriermq.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on loopback right now, for services that must be told their port before they start. They come from
 * below the kernel's ephemeral range (32768 and up on Linux): a service takes seconds to start, and a port from
 * the ephemeral range may meanwhile be taken by any outgoing connection on the machine.
 *
 * <p>A port is handed out once per JVM: it is free when checked but not bound until its service starts, so a second
 * draw of the same number (a cluster draws several at once) would give two services one port.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use by another process; it stays in HANDED_OUT, so it is not tried again
            }
        }
        throw new IllegalStateException("no free port in [" + FIRST + ", " + LAST + ") after " + ATTEMPTS + " tries");
    }
}
