package io.couriermq.store;

import io.couriermq.store.recovery.Checkpoint;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.couriermq.store.TestStores.await;
import static io.couriermq.store.TestStores.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs random sequences of appends, reads, clean restarts, process crashes and machine crashes against the store
 * and an in-memory model, and checks after every step that they agree. A process crash keeps everything the
 * page cache held; a machine crash keeps the log only up to where it was flushed, as a power cut would, so the
 * model forgets unflushed appends under ASYNC_FLUSH and nothing under SYNC_FLUSH.
 */
class StoreModelProperties {

    private static final String[] TOPICS = {"alpha", "beta"};
    private static final int QUEUES = 3;

    sealed interface Op permits Put, Read, LookupId, CleanRestart, ProcessCrash, MachineCrash {
    }

    record Put(int topic, int queue, int bodyLength, int seed) implements Op {
    }

    record Read(int topic, int queue, int fromPercent, int max) implements Op {
    }

    record LookupId(int topic, int queue, int percent) implements Op {
    }

    record CleanRestart() implements Op {
    }

    record ProcessCrash() implements Op {
    }

    record MachineCrash() implements Op {
    }

    /** What the model knows of one acknowledged message. */
    record Expected(String body, String id, long physicalOffset, long endOffset) {
    }

    @Property(tries = 100)
    void storeAgreesWithModel(@ForAll("flushModes") FlushMode mode,
                              @ForAll @Size(min = 5, max = 40) List<@From("ops") Op> ops) throws IOException {
        Path root = Files.createTempDirectory("store-model");
        try {
            new Run(root, mode).execute(ops);
        } finally {
            StoreFiles.deleteTree(root);
        }
    }

    @Provide
    Arbitrary<FlushMode> flushModes() {
        return Arbitraries.of(FlushMode.class);
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<Integer> topic = Arbitraries.integers().between(0, TOPICS.length - 1);
        Arbitrary<Integer> queue = Arbitraries.integers().between(0, QUEUES - 1);
        Arbitrary<Integer> percent = Arbitraries.integers().between(0, 100);
        return Arbitraries.frequencyOf(
                Tuple.of(12, Combinators.combine(topic, queue, Arbitraries.integers().between(1, 3000),
                        Arbitraries.integers()).as(Put::new)),
                Tuple.of(3, Combinators.combine(topic, queue, percent,
                        Arbitraries.integers().between(1, 50)).as(Read::new)),
                Tuple.of(2, Combinators.combine(topic, queue, percent).as(LookupId::new)),
                Tuple.of(1, Arbitraries.just(new CleanRestart())),
                Tuple.of(1, Arbitraries.just(new ProcessCrash())),
                Tuple.of(1, Arbitraries.just(new MachineCrash())));
    }

    /** One sequence against one store directory. */
    private static final class Run {
        private final Path root;
        private final FlushMode mode;
        private final Map<String, List<Expected>> model = new HashMap<>();
        private int generation;
        private MessageStore store;

        Run(Path root, FlushMode mode) {
            this.root = root;
            this.mode = mode;
        }

        void execute(List<Op> ops) throws IOException {
            store = MessageStore.open(config());
            try {
                for (Op op : ops) {
                    apply(op);
                    checkQueueEnds();
                }
                restart(false);
                checkEverything();
            } finally {
                store.close();
            }
        }

        private Path storeDir() {
            return root.resolve("store-" + generation);
        }

        private StoreConfig config() {
            return TestStores.small(storeDir(), mode).build();
        }

        private List<Expected> queue(int topic, int queue) {
            return model.computeIfAbsent(TOPICS[topic] + "/" + queue, k -> new ArrayList<>());
        }

        private void apply(Op op) throws IOException {
            if (op instanceof Put put) {
                put(put);
            } else if (op instanceof Read read) {
                read(read);
            } else if (op instanceof LookupId lookup) {
                lookup(lookup);
            } else if (op instanceof CleanRestart) {
                restart(false);
            } else {
                crash(op instanceof MachineCrash);
            }
        }

        private void put(Put put) {
            List<Expected> queue = queue(put.topic(), put.queue());
            String body = "b" + put.seed() + "-" + "x".repeat(put.bodyLength());
            String id = "id-" + TOPICS[put.topic()] + "-" + put.queue() + "-" + queue.size() + "-" + put.seed();
            Message message = Message.of(TOPICS[put.topic()], put.queue(), Map.of(MessageProperties.MESSAGE_ID, id),
                    body.getBytes(StandardCharsets.UTF_8));
            AppendResult result = await(store.append(message));
            assertThat(result.queueOffset()).as("queue offset of %s", put).isEqualTo(queue.size());
            queue.add(new Expected(body, id, result.physicalOffset(), result.endOffset()));
        }

        private void read(Read read) {
            waitForDispatch();
            List<Expected> queue = queue(read.topic(), read.queue());
            long from = (long) queue.size() * read.fromPercent() / 100;
            GetResult result = store.getMessages(TOPICS[read.topic()], read.queue(), from, read.max(), TagFilter.all());
            List<Expected> expected = queue.subList((int) from, (int) Math.min(queue.size(), from + read.max()));
            assertThat(result.messages()).extracting(TestStores::body)
                    .containsExactlyElementsOf(expected.stream().map(Expected::body).toList());
        }

        private void lookup(LookupId lookup) {
            List<Expected> queue = queue(lookup.topic(), lookup.queue());
            if (queue.isEmpty()) {
                return;
            }
            waitForDispatch();
            Expected expected = queue.get(Math.min(queue.size() - 1, queue.size() * lookup.percent() / 100));
            assertThat(store.queryById(expected.id())).get().extracting(StoredMessage::physicalOffset)
                    .isEqualTo(expected.physicalOffset());
        }

        private void restart(boolean expectUnclean) {
            store.close();
            store = MessageStore.open(config());
            assertThat(store.recoveryReport().cleanShutdown()).isEqualTo(!expectUnclean);
        }

        /** Takes the files as a crash would leave them, then reopens from that image. */
        private void crash(boolean machine) throws IOException {
            long flushed = store.stats().logFlushedOffset();
            Path image = root.resolve("store-" + (generation + 1));
            StoreFiles.copyTree(storeDir(), image);
            store.close();
            if (machine) {
                long checkpointed = Checkpoint.read(image).map(Checkpoint::logFlushedOffset).orElse(0L);
                long survivesTo = Math.max(flushed, checkpointed);
                StoreFiles.zeroLogFrom(image, survivesTo);
                model.values().forEach(queue -> queue.removeIf(message -> message.endOffset() > survivesTo));
            }
            StoreFiles.deleteTree(storeDir());
            generation++;
            store = MessageStore.open(config());
            assertThat(store.recoveryReport().cleanShutdown()).isFalse();
        }

        private void waitForDispatch() {
            eventually().until(() -> store.stats().dispatchedOffset() >= store.stats().logWrittenOffset());
        }

        private void checkQueueEnds() {
            waitForDispatch();
            model.forEach((key, queue) -> {
                String[] parts = key.split("/");
                assertThat(store.maxOffset(parts[0], Integer.parseInt(parts[1]))).as("end of %s", key)
                        .isEqualTo(queue.size());
            });
        }

        private void checkEverything() {
            checkQueueEnds();
            model.forEach((key, queue) -> {
                String[] parts = key.split("/");
                GetResult all = store.getMessages(parts[0], Integer.parseInt(parts[1]), 0, 10_000, TagFilter.all());
                assertThat(all.messages()).extracting(TestStores::body)
                        .containsExactlyElementsOf(queue.stream().map(Expected::body).toList());
                for (Expected expected : queue) {
                    assertThat(TestStores.body(store.getMessage(expected.physicalOffset()))).isEqualTo(expected.body());
                }
            });
        }
    }
}
