package io.couriermq.compat.bench;

import io.couriermq.bench.harness.BenchReport;
import io.couriermq.bench.harness.ClientDriver;
import io.couriermq.bench.harness.EndToEndBenchmark;
import io.couriermq.bench.harness.PhaseTopics;
import io.couriermq.bench.harness.Workload;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.producer.Producer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The end-to-end benchmark ({@link EndToEndBenchmark}) on Apache's official rocketmq-client-java, unchanged: the
 * same workload and report as {@code courier bench}, one message per send (the official client has no batches).
 * Its topics, {@code <prefix>warm-up}, {@code <prefix>live} and {@code <prefix>backlog}, must exist; bin/bench-e2e
 * makes and removes them with mqadmin.
 */
@Command(name = "official-client-bench", mixinStandardHelpOptions = true,
        description = "Benchmark producing and consuming with the official RocketMQ 5 Java client.")
public final class OfficialClientBench implements Callable<Integer> {

    @Option(names = "--endpoints", defaultValue = "127.0.0.1:9876",
            description = "access point (default 127.0.0.1:9876)")
    String endpoints;

    @Option(names = "--topic-prefix", required = true, description = "prefix of the three existing phase topics")
    String topicPrefix;

    @Option(names = "--messages", defaultValue = "100000", description = "messages per phase (default 100000)")
    int messages;

    @Option(names = "--warmup", defaultValue = "20000", description = "unmeasured messages first (default 20000)")
    int warmup;

    @Option(names = "--size", defaultValue = "1024", description = "body bytes (default 1024)")
    int size;

    @Option(names = "--in-flight", defaultValue = "64", description = "sends in flight (default 64)")
    int inFlight;

    @Option(names = "--time-limit-seconds", defaultValue = "300", description = "longest a phase may run (300)")
    long timeLimitSeconds;

    @Option(names = "--tls", description = "use TLS, as the official client does by default")
    boolean tls;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OfficialClientBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ClientConfiguration configuration = ClientConfiguration.newBuilder().setEndpoints(endpoints).enableSsl(tls)
                .setRequestTimeout(Duration.ofSeconds(5)).build();
        Workload workload = new Workload(messages, warmup, size, inFlight, 1, Duration.ofSeconds(timeLimitSeconds));
        BenchReport report;
        try (Driver driver = new Driver(configuration)) {
            report = new EndToEndBenchmark(driver, PhaseTopics.existing(topicPrefix), workload).run();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        report.print(out);
        return report.complete() ? 0 : 1;
    }

    /** One producer for all phases; a push consumer per phase, as applications use them. */
    private static final class Driver implements ClientDriver, AutoCloseable {

        private static final ClientServiceProvider PROVIDER = ClientServiceProvider.loadService();

        private final ClientConfiguration configuration;
        private final Producer producer;

        Driver(ClientConfiguration configuration) throws ClientException {
            this.configuration = configuration;
            this.producer = PROVIDER.newProducerBuilder().setClientConfiguration(configuration).build();
        }

        @Override
        public CompletableFuture<?> send(String topic, byte[] body, int count, long sentAtNanos) {
            return producer.sendAsync(PROVIDER.newMessageBuilder().setTopic(topic).setBody(body)
                    .addProperty(SENT_AT, Long.toString(sentAtNanos)).build());
        }

        @Override
        public AutoCloseable consume(String topic, String group, LongConsumer onMessage) throws ClientException {
            return PROVIDER.newPushConsumerBuilder().setClientConfiguration(configuration).setConsumerGroup(group)
                    .setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL))
                    .setMessageListener(view -> {
                        onMessage.accept(Long.parseLong(view.getProperties().get(SENT_AT)));
                        return ConsumeResult.SUCCESS;
                    }).build();
        }

        @Override
        public void close() throws IOException {
            producer.close();
        }
    }
}
