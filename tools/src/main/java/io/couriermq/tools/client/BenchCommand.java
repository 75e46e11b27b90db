package io.couriermq.tools.client;

import io.couriermq.bench.harness.BenchReport;
import io.couriermq.bench.harness.EndToEndBenchmark;
import io.couriermq.bench.harness.PhaseTopics;
import io.couriermq.bench.harness.Workload;
import io.couriermq.tools.ScratchTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The end-to-end benchmark ({@link EndToEndBenchmark}) on the client SDK, each phase on a topic made for it on every
 * master through the admin API and deleted after it.
 */
@Command(name = "bench", description = "Benchmark producing and consuming through a cluster.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", defaultValue = "100000", description = "messages per phase (default 100000)")
    int messages;

    @Option(names = "--warmup", defaultValue = "20000",
            description = "messages sent and consumed before measuring, not counted (default 20000)")
    int warmup;

    @Option(names = "--size", defaultValue = "1024", description = "body bytes (default 1024)")
    int size;

    @Option(names = "--in-flight", defaultValue = "64", description = "send requests in flight (default 64)")
    int inFlight;

    @Option(names = "--batch", defaultValue = "1", description = "messages per send request (default 1)")
    int batch;

    @Option(names = "--time-limit", defaultValue = "300s", converter = DurationConverter.class,
            description = "longest a phase may run (default 300s)")
    Duration timeLimit;

    @Override
    public Integer call() throws Exception {
        Workload workload = new Workload(messages, warmup, size, inFlight, batch, timeLimit);
        String prefix = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        PhaseTopics topics = phase -> {
            ScratchTopic topic = ScratchTopic.create(client.namesrvAddr, prefix + phase);
            return new PhaseTopics.PhaseTopic() {
                @Override
                public String name() {
                    return topic.name();
                }

                @Override
                public void close() {
                    topic.close();
                }
            };
        };
        BenchReport report;
        try (SdkDriver driver = new SdkDriver(client.config())) {
            report = new EndToEndBenchmark(driver, topics, workload).run();
        }
        report.print(spec.commandLine().getOut());
        return report.complete() ? 0 : 1;
    }
}
