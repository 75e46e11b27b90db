package io.couriermq.broker.core.topic;

/**
 * A topic as this broker holds it.
 *
 * @param readQueueNums  queues consumers read (ids 0 .. n-1)
 * @param writeQueueNums queues producers write
 * @param perm           RocketMQ permission bits: {@link #PERM_WRITE}, {@link #PERM_READ}
 */
public record TopicConfig(String name, int readQueueNums, int writeQueueNums, int perm, TopicMessageType messageType) {

    public static final int PERM_WRITE = 2;
    public static final int PERM_READ = 4;
    public static final int PERM_READ_WRITE = PERM_READ | PERM_WRITE;

    public TopicConfig {
        TopicNames.requireLegalQueueCount("readQueueNums", readQueueNums);
        TopicNames.requireLegalQueueCount("writeQueueNums", writeQueueNums);
        if ((perm & ~PERM_READ_WRITE) != 0) {
            throw new IllegalArgumentException("perm must be a combination of 2 (write) and 4 (read), was " + perm);
        }
        messageType = messageType == null ? TopicMessageType.NORMAL : messageType;
    }

    public static TopicConfig of(String name, int queues, TopicMessageType messageType) {
        return new TopicConfig(name, queues, queues, PERM_READ_WRITE, messageType);
    }

    public boolean readable() {
        return (perm & PERM_READ) != 0;
    }

    public boolean writable() {
        return (perm & PERM_WRITE) != 0;
    }

    /** Queue ids that exist for either reading or writing. */
    public int queueCount() {
        return Math.max(readQueueNums, writeQueueNums);
    }
}
