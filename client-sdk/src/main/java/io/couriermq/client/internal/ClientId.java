package io.couriermq.client.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The {@code x-mq-client-id} of a client instance: {@code <hostname>@<pid>@<index>@<nanotime base 36>}. Brokers key
 * everything they hold for a client (settings, Telemetry stream, in-flight deliveries) by it, so it must differ
 * between instances, including instances of one process (the index) and successive processes with the same pid
 * (the time).
 */
public final class ClientId {

    private static final String HOST_NAME = lookUpHostName();

    private ClientId() {
    }

    public static String of(int instanceIndex) {
        return HOST_NAME + "@" + ProcessHandle.current().pid() + "@" + instanceIndex + "@"
                + Long.toString(System.nanoTime(), 36);
    }

    /** This machine's host name, as producers report it in {@code born_host}. */
    public static String hostName() {
        return HOST_NAME;
    }

    private static String lookUpHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
