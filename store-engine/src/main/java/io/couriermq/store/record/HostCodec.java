package io.couriermq.store.record;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Writes and reads a host as a 16-byte address (IPv4 mapped into IPv6) and a 4-byte port. */
final class HostCodec {

    private HostCodec() {
    }

    /** A host's 20 encoded bytes, for writing the same host into many records. */
    static byte[] encode(InetSocketAddress host) {
        ByteBuffer out = ByteBuffer.allocate(RecordDescriptor.HOST_LENGTH);
        write(out, 0, host);
        return out.array();
    }

    static void write(ByteBuffer out, int offset, InetSocketAddress host) {
        InetAddress address = host.getAddress();
        byte[] raw = address == null ? new byte[4] : address.getAddress();
        if (raw.length == 4) {
            out.putLong(offset, 0L);
            out.putShort(offset + 8, (short) 0);
            out.putShort(offset + 10, (short) 0xFFFF);
            out.put(offset + 12, raw);
        } else {
            out.put(offset, raw);
        }
        out.putInt(offset + RecordDescriptor.HOST_ADDRESS_LENGTH, host.getPort());
    }

    static InetSocketAddress read(ByteBuffer in, int offset) {
        byte[] raw = new byte[RecordDescriptor.HOST_ADDRESS_LENGTH];
        in.get(offset, raw);
        int port = in.getInt(offset + RecordDescriptor.HOST_ADDRESS_LENGTH);
        try {
            // getByAddress turns an IPv4-mapped address back into an Inet4Address and never resolves names.
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException impossibleForSixteenBytes) {
            throw new IllegalStateException(impossibleForSixteenBytes);
        } catch (IllegalArgumentException badPort) {
            return new InetSocketAddress(0);
        }
    }
}
