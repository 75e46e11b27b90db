package io.couriermq.bench.store;

import io.couriermq.store.ByteSize;
import io.couriermq.store.FlushMode;
import io.couriermq.store.GetResult;
import io.couriermq.store.Message;
import io.couriermq.store.MessageProperties;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoreConfig;
import io.couriermq.store.StoreStats;
import io.couriermq.store.TagFilter;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** Our {@link MessageStore}, configured as the broker runs it apart from the directory and flush mode. */
final class CourierBenchStore implements BenchStore {

    private static final int READ_BATCH = 32;
    private static final InetSocketAddress BORN_HOST = new InetSocketAddress("127.0.0.1", 50_000);

    private final MessageStore store;
    private final Workload workload;

    private CourierBenchStore(MessageStore store, Workload workload) {
        this.store = store;
        this.workload = workload;
    }

    static CourierBenchStore open(Path dir, FlushMode flushMode, Workload workload) {
        StoreConfig config = StoreConfig.builder(dir)
                .flushMode(flushMode)
                .commitLogSegmentSize(ByteSize.ofGibibytes(1))
                // The default, 32 KiB, is one byte above the limit StoreConfig itself enforces, so a config built
                // from defaults does not validate; this is the largest value it accepts.
                .maxPropertiesSize(ByteSize.ofBytes(Short.MAX_VALUE))
                .build();
        return new CourierBenchStore(MessageStore.open(config), workload);
    }

    @Override
    public Writer newWriter() {
        return new Writer() {
            @Override
            public void append(long index) throws Exception {
                store.append(message(index)).get();
            }

            @Override
            public CompletableFuture<?> appendAsync(long index) {
                return store.append(message(index));
            }

            @Override
            public void close() {
            }
        };
    }

    private Message message(long index) {
        Map<String, String> properties = Map.of(
                MessageProperties.TAGS, Workload.TAG,
                MessageProperties.KEYS, Workload.key(index),
                MessageProperties.MESSAGE_ID, workload.messageId(index));
        return new Message(Workload.TOPIC, Workload.queueId(index), 0, properties, workload.body(index),
                System.currentTimeMillis(), BORN_HOST);
    }

    /** The dispatcher builds consume queues and the index behind the writer; done once it reaches the log end. */
    @Override
    public void awaitIndexed(long messages, Duration timeout) throws InterruptedException, TimeoutException {
        Await.until(() -> {
            StoreStats stats = store.stats();
            return stats.dispatchedOffset() >= stats.logWrittenOffset();
        }, timeout, () -> "dispatch is " + store.stats().dispatchBehindBytes() + " bytes behind the log");
    }

    @Override
    public long readAll() {
        long read = 0;
        for (int queueId = 0; queueId < Workload.QUEUES; queueId++) {
            long offset = store.minOffset(Workload.TOPIC, queueId);
            long end = store.maxOffset(Workload.TOPIC, queueId);
            while (offset < end) {
                GetResult result = store.getMessages(Workload.TOPIC, queueId, offset, READ_BATCH, TagFilter.all());
                read += result.messages().size();
                if (result.nextOffset() <= offset) {
                    // A read that cannot advance would loop forever; the caller's count check reports the gap.
                    break;
                }
                offset = result.nextOffset();
            }
        }
        return read;
    }

    @Override
    public void close() {
        store.close();
    }
}
