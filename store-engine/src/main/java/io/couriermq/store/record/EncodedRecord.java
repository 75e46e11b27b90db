package io.couriermq.store.record;

/**
 * A record encoded on the caller's thread, complete except for the fields only the writer knows: queue offset,
 * physical offset, store timestamp and the CRC over them. The writer copies {@link #bytes()} into the log and
 * calls {@link RecordEncoder#seal}.
 */
public record EncodedRecord(byte[] bytes, String topic, int queueId) {

    public int length() {
        return bytes.length;
    }
}
