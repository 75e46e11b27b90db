package io.couriermq.store.record;

import io.couriermq.store.Message;

import java.nio.ByteBuffer;

/**
 * A validated record, ready for the writer: the caller's thread has encoded its topic and properties and sized it,
 * and {@link #writeTo} lays it out in the log, complete except for the fields only the writer knows (queue offset,
 * physical offset, store timestamp and the CRC over them, which {@link RecordEncoder#seal} adds). Laying it out in
 * place copies the body once, straight into the log, with no intermediate array per record.
 */
public final class EncodedRecord {

    private final Message message;
    private final byte[] topic;
    private final byte[] properties;
    private final byte[] storeHost;
    private final long tagHash;
    private final int length;

    EncodedRecord(Message message, byte[] topic, byte[] properties, byte[] storeHost, long tagHash) {
        this.message = message;
        this.topic = topic;
        this.properties = properties;
        this.storeHost = storeHost;
        this.tagHash = tagHash;
        this.length = RecordDescriptor.recordLength(topic.length, properties.length, message.body().length);
    }

    public int length() {
        return length;
    }

    public String topic() {
        return message.topic();
    }

    public int queueId() {
        return message.queueId();
    }

    /** Writes the record at absolute {@code position} of {@code log}; the caller checked that it fits. */
    public void writeTo(ByteBuffer log, int position) {
        byte[] body = message.body();
        log.putInt(position + RecordDescriptor.LENGTH_OFFSET, length);
        log.putInt(position + RecordDescriptor.MAGIC_OFFSET, RecordDescriptor.RECORD_MAGIC);
        log.putInt(position + RecordDescriptor.QUEUE_ID_OFFSET, message.queueId());
        log.putInt(position + RecordDescriptor.FLAGS_OFFSET, message.flags());
        log.putLong(position + RecordDescriptor.BORN_TIMESTAMP_OFFSET, message.bornTimestamp());
        log.putLong(position + RecordDescriptor.TAG_HASH_OFFSET, tagHash);
        HostCodec.write(log, position + RecordDescriptor.BORN_HOST_OFFSET, message.bornHost());
        log.put(position + RecordDescriptor.STORE_HOST_OFFSET, storeHost);
        log.putShort(position + RecordDescriptor.TOPIC_LENGTH_OFFSET, (short) topic.length);
        log.put(position + RecordDescriptor.TOPIC_OFFSET, topic);
        int propertiesLengthAt = position + RecordDescriptor.propertiesLengthOffset(topic.length);
        log.putInt(propertiesLengthAt, properties.length);
        log.put(propertiesLengthAt + 4, properties);
        int bodyLengthAt = position + RecordDescriptor.bodyLengthOffset(topic.length, properties.length);
        log.putInt(bodyLengthAt, body.length);
        log.put(bodyLengthAt + 4, body);
    }
}
