package io.couriermq.store.record;

import io.couriermq.store.Message;
import io.couriermq.store.MessageProperties;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Builds records in the {@link RecordDescriptor} layout. Encoding is split so that the parallel part ({@link #encode}:
 * topic, properties, size) runs on callers' threads and the single writer only lays the record out
 * ({@link EncodedRecord#writeTo}) and {@link #seal}s it.
 */
public final class RecordEncoder {

    private RecordEncoder() {
    }

    /**
     * Prepares everything the message determines. The topic and properties must already be validated; the
     * caller passes the properties pre-encoded so their size could be checked against the limits.
     */
    public static EncodedRecord encode(Message message, byte[] topic, byte[] properties, byte[] storeHost) {
        return new EncodedRecord(message, topic, properties, storeHost,
                MessageProperties.tagHash(message.properties().get(MessageProperties.TAGS)));
    }

    /** The encoded form of a store host, computed once and passed to every {@link #encode}. */
    public static byte[] encodeHost(InetSocketAddress host) {
        return HostCodec.encode(host);
    }

    /**
     * Stamps the writer-assigned fields of the record already copied to {@code position} of {@code log} and
     * writes its CRC. {@code crc} is the writer's own instance, reset here.
     */
    public static void seal(ByteBuffer log, int position, int length, long queueOffset, long physicalOffset,
                            long storeTimestamp, CRC32C crc) {
        log.putLong(position + RecordDescriptor.QUEUE_OFFSET_OFFSET, queueOffset);
        log.putLong(position + RecordDescriptor.PHYSICAL_OFFSET_OFFSET, physicalOffset);
        log.putLong(position + RecordDescriptor.STORE_TIMESTAMP_OFFSET, storeTimestamp);
        log.putInt(position + RecordDescriptor.CRC_OFFSET, crcOf(log, position, length, crc));
    }

    /** Fills {@code length} bytes at {@code position} with an end-of-segment marker. */
    public static void writeEndOfSegment(ByteBuffer log, int position, int length) {
        log.putInt(position + RecordDescriptor.LENGTH_OFFSET, length);
        log.putInt(position + RecordDescriptor.MAGIC_OFFSET, RecordDescriptor.END_OF_SEGMENT_MAGIC);
    }

    /**
     * CRC32C of the record at {@code position}, over the bytes the descriptor says it covers. Works on a
     * duplicate so the caller's buffer keeps its position and limit, and readers may share the mapping.
     */
    static int crcOf(ByteBuffer log, int position, int length, CRC32C crc) {
        crc.reset();
        ByteBuffer view = log.duplicate();
        view.limit(position + length).position(position + RecordDescriptor.CRC_START);
        crc.update(view);
        return (int) crc.getValue();
    }
}
