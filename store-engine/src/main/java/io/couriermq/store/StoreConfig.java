package io.couriermq.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link MessageStore} is configured with, immutable and validated when built. Defaults live in
 * {@link Builder} and nowhere else; each default follows RocketMQ's where RocketMQ has one, so operators moving
 * over find the sizes and times they know.
 *
 * @param storeDir                   root directory of the store's files
 * @param commitLogSegmentSize       size of each commit log segment file (RocketMQ: 1 GiB)
 * @param consumeQueueSegmentEntries entries per consume queue segment file (RocketMQ: 300,000)
 * @param flushMode                  when an append completes
 * @param flushInterval              how often dirty pages, consume queues, the index and the checkpoint are forced
 * @param syncFlushTimeout           how long a SYNC_FLUSH append may wait for its force before it fails
 * @param maxMessageSize             largest body accepted (RocketMQ: 4 MiB)
 * @param maxPropertiesSize          largest encoded property block accepted (RocketMQ: 32 KiB)
 * @param maxTopicLength             longest topic name accepted, in UTF-8 bytes (RocketMQ: 127)
 * @param maxQueuesPerTopic          queue ids must be below this
 * @param maxAppendsInFlight         appends accepted but not yet complete before new ones are refused with BUSY
 * @param maxBytesInFlight           bytes accepted but not yet complete before new ones are refused with BUSY
 * @param indexHashSlots             hash slots per index file (RocketMQ: 5,000,000)
 * @param indexEntriesPerFile        entries per index file before it rolls (RocketMQ: 20,000,000)
 * @param fileReservedTime           commit log segments older than this may be deleted (RocketMQ: 72 h)
 * @param deleteHours                hours of the day (0-23, in the clock's zone) when expired segments are deleted
 * @param diskCleanRatio             above this share of the disk in use, expired or not, the oldest segments go
 * @param diskRefuseWritesRatio      above this share of the disk in use, appends are refused with DISK_FULL
 * @param retentionCheckInterval     how often retention and disk usage are checked
 * @param storeHost                  the address written into each record as its store host
 * @param clock                      wall clock for store timestamps, retention and flush scheduling
 * @param replica                    the store holds a copy of another store's log: only
 *                                   {@link ReplicationLog#append} writes, and {@link MessageStore#append} refuses
 *                                   with READ_ONLY, since a record of its own would fork the copy from its primary
 */
public record StoreConfig(
        Path storeDir,
        ByteSize commitLogSegmentSize,
        int consumeQueueSegmentEntries,
        FlushMode flushMode,
        Duration flushInterval,
        Duration syncFlushTimeout,
        ByteSize maxMessageSize,
        ByteSize maxPropertiesSize,
        int maxTopicLength,
        int maxQueuesPerTopic,
        int maxAppendsInFlight,
        ByteSize maxBytesInFlight,
        int indexHashSlots,
        int indexEntriesPerFile,
        Duration fileReservedTime,
        Set<Integer> deleteHours,
        double diskCleanRatio,
        double diskRefuseWritesRatio,
        Duration retentionCheckInterval,
        InetSocketAddress storeHost,
        Clock clock,
        boolean replica) {

    /** A segment must at least hold one largest record beside its end-of-segment marker. */
    private static final long MAX_SEGMENT_BYTES = Integer.MAX_VALUE;
    /** Properties are metadata; a bound keeps one message from carrying megabytes of them. */
    private static final long MAX_PROPERTIES_BYTES = 1024 * 1024;

    public StoreConfig {
        Objects.requireNonNull(storeDir, "storeDir");
        Objects.requireNonNull(flushMode, "flushMode");
        Objects.requireNonNull(storeHost, "storeHost");
        Objects.requireNonNull(clock, "clock");
        deleteHours = Set.copyOf(deleteHours);
        requirePositive("flushInterval", flushInterval);
        requirePositive("syncFlushTimeout", syncFlushTimeout);
        requirePositive("fileReservedTime", fileReservedTime);
        requirePositive("retentionCheckInterval", retentionCheckInterval);
        requireRange("consumeQueueSegmentEntries", consumeQueueSegmentEntries, 1, Integer.MAX_VALUE / 20);
        requireRange("maxTopicLength", maxTopicLength, 1, Short.MAX_VALUE);
        requireRange("maxQueuesPerTopic", maxQueuesPerTopic, 1, 65_536);
        requireRange("maxAppendsInFlight", maxAppendsInFlight, 1, Integer.MAX_VALUE);
        requireRange("indexHashSlots", indexHashSlots, 1, 100_000_000);
        requireRange("indexEntriesPerFile", indexEntriesPerFile, 1, 100_000_000);
        requireRange("maxPropertiesSize", maxPropertiesSize.bytes(), 0, MAX_PROPERTIES_BYTES);
        requireRange("maxMessageSize", maxMessageSize.bytes(), 1, MAX_SEGMENT_BYTES / 4);
        requireRange("commitLogSegmentSize", commitLogSegmentSize.bytes(),
                maxMessageSize.bytes() + maxPropertiesSize.bytes() + maxTopicLength + 4096, MAX_SEGMENT_BYTES);
        requireRange("maxBytesInFlight", maxBytesInFlight.bytes(), maxMessageSize.bytes(), Long.MAX_VALUE);
        for (int hour : deleteHours) {
            requireRange("deleteHours", hour, 0, 23);
        }
        requireRatio("diskCleanRatio", diskCleanRatio);
        requireRatio("diskRefuseWritesRatio", diskRefuseWritesRatio);
        if (diskRefuseWritesRatio < diskCleanRatio) {
            throw new IllegalArgumentException("diskRefuseWritesRatio (" + diskRefuseWritesRatio
                    + ") must not be below diskCleanRatio (" + diskCleanRatio + ")");
        }
    }

    public static Builder builder(Path storeDir) {
        return new Builder(storeDir);
    }

    /** A builder that starts from these values, to change a few. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    private static void requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    private static void requireRatio(String field, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in (0, 1], was " + value);
        }
    }

    /** Mutable builder holding the defaults. */
    public static final class Builder {
        private Path storeDir;
        private ByteSize commitLogSegmentSize = ByteSize.ofGibibytes(1);
        private int consumeQueueSegmentEntries = 300_000;
        private FlushMode flushMode = FlushMode.ASYNC_FLUSH;
        private Duration flushInterval = Duration.ofMillis(500);
        private Duration syncFlushTimeout = Duration.ofSeconds(5);
        private ByteSize maxMessageSize = ByteSize.ofMebibytes(4);
        private ByteSize maxPropertiesSize = ByteSize.ofKibibytes(32);
        private int maxTopicLength = 127;
        private int maxQueuesPerTopic = 1024;
        private int maxAppendsInFlight = 65_536;
        private ByteSize maxBytesInFlight = ByteSize.ofMebibytes(256);
        private int indexHashSlots = 5_000_000;
        private int indexEntriesPerFile = 20_000_000;
        private Duration fileReservedTime = Duration.ofHours(72);
        private Set<Integer> deleteHours = Set.of(4);
        private double diskCleanRatio = 0.75;
        private double diskRefuseWritesRatio = 0.95;
        private Duration retentionCheckInterval = Duration.ofSeconds(10);
        private InetSocketAddress storeHost = new InetSocketAddress("127.0.0.1", 0);
        private Clock clock = Clock.systemDefaultZone();
        private boolean replica;

        private Builder(Path storeDir) {
            this.storeDir = storeDir;
        }

        private Builder(StoreConfig c) {
            storeDir = c.storeDir;
            commitLogSegmentSize = c.commitLogSegmentSize;
            consumeQueueSegmentEntries = c.consumeQueueSegmentEntries;
            flushMode = c.flushMode;
            flushInterval = c.flushInterval;
            syncFlushTimeout = c.syncFlushTimeout;
            maxMessageSize = c.maxMessageSize;
            maxPropertiesSize = c.maxPropertiesSize;
            maxTopicLength = c.maxTopicLength;
            maxQueuesPerTopic = c.maxQueuesPerTopic;
            maxAppendsInFlight = c.maxAppendsInFlight;
            maxBytesInFlight = c.maxBytesInFlight;
            indexHashSlots = c.indexHashSlots;
            indexEntriesPerFile = c.indexEntriesPerFile;
            fileReservedTime = c.fileReservedTime;
            deleteHours = c.deleteHours;
            diskCleanRatio = c.diskCleanRatio;
            diskRefuseWritesRatio = c.diskRefuseWritesRatio;
            retentionCheckInterval = c.retentionCheckInterval;
            storeHost = c.storeHost;
            clock = c.clock;
            replica = c.replica;
        }

        public Builder storeDir(Path v) {
            storeDir = v;
            return this;
        }

        public Builder commitLogSegmentSize(ByteSize v) {
            commitLogSegmentSize = v;
            return this;
        }

        public Builder consumeQueueSegmentEntries(int v) {
            consumeQueueSegmentEntries = v;
            return this;
        }

        public Builder flushMode(FlushMode v) {
            flushMode = v;
            return this;
        }

        public Builder flushInterval(Duration v) {
            flushInterval = v;
            return this;
        }

        public Builder syncFlushTimeout(Duration v) {
            syncFlushTimeout = v;
            return this;
        }

        public Builder maxMessageSize(ByteSize v) {
            maxMessageSize = v;
            return this;
        }

        public Builder maxPropertiesSize(ByteSize v) {
            maxPropertiesSize = v;
            return this;
        }

        public Builder maxTopicLength(int v) {
            maxTopicLength = v;
            return this;
        }

        public Builder maxQueuesPerTopic(int v) {
            maxQueuesPerTopic = v;
            return this;
        }

        public Builder maxAppendsInFlight(int v) {
            maxAppendsInFlight = v;
            return this;
        }

        public Builder maxBytesInFlight(ByteSize v) {
            maxBytesInFlight = v;
            return this;
        }

        public Builder indexHashSlots(int v) {
            indexHashSlots = v;
            return this;
        }

        public Builder indexEntriesPerFile(int v) {
            indexEntriesPerFile = v;
            return this;
        }

        public Builder fileReservedTime(Duration v) {
            fileReservedTime = v;
            return this;
        }

        public Builder deleteHours(Set<Integer> v) {
            deleteHours = v;
            return this;
        }

        public Builder diskCleanRatio(double v) {
            diskCleanRatio = v;
            return this;
        }

        public Builder diskRefuseWritesRatio(double v) {
            diskRefuseWritesRatio = v;
            return this;
        }

        public Builder retentionCheckInterval(Duration v) {
            retentionCheckInterval = v;
            return this;
        }

        public Builder storeHost(InetSocketAddress v) {
            storeHost = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public Builder replica(boolean v) {
            replica = v;
            return this;
        }

        public StoreConfig build() {
            return new StoreConfig(storeDir, commitLogSegmentSize, consumeQueueSegmentEntries, flushMode,
                    flushInterval, syncFlushTimeout, maxMessageSize, maxPropertiesSize, maxTopicLength,
                    maxQueuesPerTopic, maxAppendsInFlight, maxBytesInFlight, indexHashSlots, indexEntriesPerFile,
                    fileReservedTime, deleteHours, diskCleanRatio, diskRefuseWritesRatio, retentionCheckInterval,
                    storeHost, clock, replica);
        }
    }
}
