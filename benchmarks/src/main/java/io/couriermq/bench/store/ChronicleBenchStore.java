package io.couriermq.bench.store;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Chronicle Queue as a plain append-only log: one document per message holding the same fields the other stores
 * keep (topic, queue id, tag, key, id, born time, body), with no consume queues and no key index. It is the
 * "how fast can a log on this machine go" yardstick, not a broker store.
 *
 * <p>Chronicle has no synchronous-flush mode, so it runs in ASYNC_FLUSH rows only. Its appends complete before
 * the call returns, so {@link Writer#appendAsync} is the synchronous append wrapped in a completed future.
 */
final class ChronicleBenchStore implements BenchStore {

    private final SingleChronicleQueue queue;
    private final Workload workload;

    private ChronicleBenchStore(SingleChronicleQueue queue, Workload workload) {
        this.queue = queue;
        this.workload = workload;
    }

    static ChronicleBenchStore open(Path dir, Workload workload) {
        return new ChronicleBenchStore(SingleChronicleQueueBuilder.single(dir.toFile()).build(), workload);
    }

    @Override
    public Writer newWriter() {
        ExcerptAppender appender = queue.createAppender();
        return new Writer() {
            @Override
            public void append(long index) {
                try (DocumentContext document = appender.writingDocument()) {
                    Bytes<?> bytes = document.wire().bytes();
                    byte[] body = workload.body(index);
                    bytes.writeUtf8(Workload.TOPIC)
                            .writeInt(Workload.queueId(index))
                            .writeUtf8(Workload.TAG)
                            .writeUtf8(Workload.key(index))
                            .writeUtf8(workload.messageId(index))
                            .writeLong(System.currentTimeMillis())
                            .writeInt(body.length)
                            .write(body);
                }
            }

            @Override
            public CompletableFuture<?> appendAsync(long index) {
                append(index);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
                appender.close();
            }
        };
    }

    /** Chronicle builds nothing after the append. */
    @Override
    public void awaitIndexed(long messages, Duration timeout) {
    }

    /** Decodes every document into fields and a body array, as our store's reads do. */
    @Override
    public long readAll() {
        long read = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent()) {
                        return read;
                    }
                    Bytes<?> bytes = document.wire().bytes();
                    bytes.readUtf8();
                    bytes.readInt();
                    bytes.readUtf8();
                    bytes.readUtf8();
                    bytes.readUtf8();
                    bytes.readLong();
                    byte[] body = new byte[bytes.readInt()];
                    bytes.read(body);
                    read++;
                }
            }
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
