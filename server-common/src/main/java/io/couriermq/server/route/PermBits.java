package io.couriermq.server.route;

/**
 * RocketMQ's permission bits, used for a topic ({@code perm}) and for a broker as a whole
 * ({@code brokerPermission}): {@value #WRITE} = writable, {@value #READ} = readable, {@value #READ_WRITE} = both.
 * Other bits (inherit, priority) carry no routing meaning and are ignored here.
 */
public final class PermBits {

    public static final int WRITE = 2;
    public static final int READ = 4;
    public static final int READ_WRITE = READ | WRITE;

    private PermBits() {
    }

    public static boolean isReadable(int perm) {
        return (perm & READ) != 0;
    }

    public static boolean isWritable(int perm) {
        return (perm & WRITE) != 0;
    }
}
