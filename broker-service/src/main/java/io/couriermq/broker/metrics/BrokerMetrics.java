package io.couriermq.broker.metrics;

import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.transaction.TransactionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The broker's traffic metrics, under the names RocketMQ 5 exports (so existing dashboards keep working):
 * messages and bytes in per topic and message type, out per topic and group, and RPC latency histograms.
 * Micrometer names use dots; the Prometheus registry renders {@code rocketmq.messages.in} as
 * {@code rocketmq_messages_in_total}. Meters are looked up once per tag combination and kept, since every message
 * passes through here.
 */
public final class BrokerMetrics {

    /** The counters of one (topic, type) or (topic, group) pair. */
    private record Traffic(Counter messages, Counter bytes) {
    }

    private final MeterRegistry registry;
    private final Map<List<String>, Traffic> inbound = new ConcurrentHashMap<>();
    private final Map<List<String>, Traffic> outbound = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> latencies = new ConcurrentHashMap<>();
    private final Timer delayLateness;
    private final Map<List<String>, Counter> transactionEnds = new ConcurrentHashMap<>();
    private final Map<String, Timer> transactionDurations = new ConcurrentHashMap<>();

    public BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.delayLateness = Timer.builder("rocketmq.delay.message.latency")
                .description("how long after its delivery time a delay message was appended to its topic")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    /** A delay message went out {@code millis} after its delivery time. */
    public void recordDelayLateness(long millis) {
        delayLateness.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public void recordSend(String topic, TopicMessageType type, int bodyBytes, long nanos, boolean success) {
        if (success) {
            Traffic traffic = inbound.computeIfAbsent(List.of(topic, type.name()), key -> {
                String messageType = type.name().toLowerCase(Locale.ROOT);
                return new Traffic(
                        Counter.builder("rocketmq.messages.in").tag("topic", topic).tag("message_type", messageType)
                                .register(registry),
                        Counter.builder("rocketmq.throughput.in").baseUnit("bytes").tag("topic", topic)
                                .tag("message_type", messageType).register(registry));
            });
            traffic.messages().increment();
            traffic.bytes().increment(bodyBytes);
        }
        latency("send", success).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordDelivery(String topic, String group, int messages, long bytes) {
        if (messages == 0) {
            return;
        }
        Traffic traffic = outbound.computeIfAbsent(List.of(topic, group), key -> new Traffic(
                Counter.builder("rocketmq.messages.out").tag("topic", topic).tag("consumer_group", group)
                        .register(registry),
                Counter.builder("rocketmq.throughput.out").baseUnit("bytes").tag("topic", topic)
                        .tag("consumer_group", group).register(registry)));
        traffic.messages().increment(messages);
        traffic.bytes().increment(bytes);
    }

    /** Time to answer a receive, long-polling included. */
    public void recordReceive(long nanos, boolean success) {
        latency("receive", success).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordAck(long nanos, boolean success) {
        latency("ack", success).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A transaction ended after its half message waited {@code openMillis}. */
    public void recordTransactionEnd(String topic, TransactionOutcome outcome, long openMillis) {
        transactionEnds.computeIfAbsent(List.of(topic, outcome.name()), key -> Counter.builder(
                        outcome == TransactionOutcome.COMMIT ? "rocketmq.commit.messages" : "rocketmq.rollback.messages")
                .tag("topic", topic).register(registry)).increment();
        transactionDurations.computeIfAbsent(topic, key -> Timer.builder("rocketmq.finish.message.latency")
                        .description("time from a half message to its transaction's outcome")
                        .tag("topic", topic).register(registry))
                .record(Math.max(0, openMillis), TimeUnit.MILLISECONDS);
    }

    private Timer latency(String request, boolean success) {
        String result = success ? "success" : "failure";
        return latencies.computeIfAbsent(List.of(request, result), key -> Timer.builder("rocketmq.rpc.latency")
                .tag("protocol_type", "grpc")
                .tag("request_code", request)
                .tag("result", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
    }
}
