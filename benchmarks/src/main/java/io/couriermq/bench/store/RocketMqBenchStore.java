package io.couriermq.bench.store;

import io.couriermq.store.FlushMode;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExtBrokerInner;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.PutMessageStatus;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;

/**
 * Apache RocketMQ's {@link DefaultMessageStore} (rocketmq-store 5.3.1), the store ours replaces, set up the way a
 * broker sets it up: its own config defaults except for the directory, a 1 GiB commit log segment (as ours) and
 * the row's flush mode, with consume queues and the key index built by its reput thread.
 */
final class RocketMqBenchStore implements BenchStore {

    private static final int READ_BATCH = 32;
    private static final String CONSUMER_GROUP = "BenchGroup";
    private static final int COMMIT_LOG_SEGMENT_BYTES = 1 << 30;
    private static final InetSocketAddress BORN_HOST = new InetSocketAddress("127.0.0.1", 50_000);
    private static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10_911);
    private static final long TAGS_CODE = MessageExtBrokerInner.tagsString2tagsCode(Workload.TAG);

    private final DefaultMessageStore store;
    private final BrokerStatsManager statsManager;
    private final Workload workload;
    /** Reused by {@link #readAll}, which runs on one thread; grows to the largest message read. */
    private byte[] readScratch = new byte[64 << 10];

    private RocketMqBenchStore(DefaultMessageStore store, BrokerStatsManager statsManager, Workload workload) {
        this.store = store;
        this.statsManager = statsManager;
        this.workload = workload;
    }

    static RocketMqBenchStore open(Path dir, FlushMode flushMode, Workload workload) throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(dir.toString());
        config.setMappedFileSizeCommitLog(COMMIT_LOG_SEGMENT_BYTES);
        config.setFlushDiskType(flushMode == FlushMode.SYNC_FLUSH ? FlushDiskType.SYNC_FLUSH
                : FlushDiskType.ASYNC_FLUSH);
        // The store starts an HA listener; an ephemeral port keeps runs from colliding with a real broker.
        config.setHaListenPort(0);
        BrokerConfig brokerConfig = new BrokerConfig();
        BrokerStatsManager statsManager = new BrokerStatsManager(brokerConfig);
        ConcurrentMap<String, TopicConfig> topics = new ConcurrentHashMap<>();
        topics.put(Workload.TOPIC, new TopicConfig(Workload.TOPIC, Workload.QUEUES, Workload.QUEUES));
        DefaultMessageStore store = new DefaultMessageStore(config, statsManager,
                (topic, queueId, logicOffset, tagsCode, storeTimestamp, filterBitMap, properties) -> { },
                brokerConfig, topics);
        if (!store.load()) {
            statsManager.shutdown();
            throw new IllegalStateException("RocketMQ store in " + dir + " failed to load");
        }
        store.start();
        return new RocketMqBenchStore(store, statsManager, workload);
    }

    @Override
    public Writer newWriter() {
        return new Writer() {
            @Override
            public void append(long index) {
                checkPut(store.putMessage(message(index)));
            }

            @Override
            public CompletableFuture<?> appendAsync(long index) {
                return store.asyncPutMessage(message(index)).thenApply(RocketMqBenchStore::checkPut);
            }

            @Override
            public void close() {
            }
        };
    }

    /** {@link PutMessageResult#isOk()} is also true after a flush timeout, so the status is checked instead. */
    private static PutMessageResult checkPut(PutMessageResult result) {
        if (result.getPutMessageStatus() != PutMessageStatus.PUT_OK) {
            throw new IllegalStateException("RocketMQ put failed: " + result);
        }
        return result;
    }

    /** What a broker's send processor hands the store for a message with a tag, a key and a client id. */
    private MessageExtBrokerInner message(long index) {
        MessageExtBrokerInner message = new MessageExtBrokerInner();
        message.setTopic(Workload.TOPIC);
        message.setQueueId(Workload.queueId(index));
        message.setBody(workload.body(index));
        message.setTags(Workload.TAG);
        message.setKeys(Workload.key(index));
        MessageAccessor.putProperty(message, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
                workload.messageId(index));
        message.setTagsCode(TAGS_CODE);
        message.setPropertiesString(MessageDecoder.messageProperties2String(message.getProperties()));
        message.setBornTimestamp(System.currentTimeMillis());
        message.setBornHost(BORN_HOST);
        message.setStoreHost(STORE_HOST);
        return message;
    }

    /** The reput thread builds consume queues and the index; done once it has nothing left and queues hold all. */
    @Override
    public void awaitIndexed(long messages, Duration timeout) throws InterruptedException, TimeoutException {
        Await.until(() -> store.dispatchBehindBytes() == 0 && queuedMessages() >= messages, timeout,
                () -> "reput is " + store.dispatchBehindBytes() + " bytes behind, queues hold " + queuedMessages()
                        + " of " + messages + " messages");
    }

    private long queuedMessages() {
        long queued = 0;
        for (int queueId = 0; queueId < Workload.QUEUES; queueId++) {
            queued += store.getMaxOffsetInQueue(Workload.TOPIC, queueId);
        }
        return queued;
    }

    /**
     * Reads through the consume queues and copies each message to the heap, as a broker's pull path does with
     * its default {@code transferMsgByHeap=true}; the store itself only hands out slices of mapped files.
     */
    @Override
    public long readAll() {
        long read = 0;
        for (int queueId = 0; queueId < Workload.QUEUES; queueId++) {
            long offset = store.getMinOffsetInQueue(Workload.TOPIC, queueId);
            long end = store.getMaxOffsetInQueue(Workload.TOPIC, queueId);
            while (offset < end) {
                GetMessageResult result = store.getMessage(CONSUMER_GROUP, Workload.TOPIC, queueId, offset,
                        READ_BATCH, null);
                long next;
                try {
                    read += result.getMessageCount();
                    for (ByteBuffer buffer : result.getMessageBufferList()) {
                        if (buffer.remaining() > readScratch.length) {
                            readScratch = new byte[buffer.remaining()];
                        }
                        buffer.get(readScratch, 0, buffer.remaining());
                    }
                    next = result.getNextBeginOffset();
                } finally {
                    result.release();
                }
                if (next <= offset) {
                    // A read that cannot advance would loop forever; the caller's count check reports the gap.
                    break;
                }
                offset = next;
            }
        }
        return read;
    }

    @Override
    public void close() {
        try {
            store.shutdown();
            store.destroy();
        } finally {
            statsManager.shutdown();
        }
    }
}
