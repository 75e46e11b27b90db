package io.couriermq.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on loopback right now, for services that must be told their port before they start. They come from
 * below the kernel's ephemeral range (32768 and up on Linux): a service takes seconds to start, and a port from
 * the ephemeral range may meanwhile be taken by any outgoing connection on the machine.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in [" + FIRST + ", " + LAST + ") after " + ATTEMPTS + " tries");
    }
}
