package io.couriermq.broker.metrics;

import io.couriermq.broker.core.topic.TopicMessageType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The broker's traffic metrics, under the names RocketMQ 5 exports (so existing dashboards keep working):
 * messages and bytes in per topic and message type, out per topic and group, and RPC latency histograms.
 * Micrometer names use dots; the Prometheus registry renders {@code rocketmq.messages.in} as
 * {@code rocketmq_messages_in_total}.
 */
public final class BrokerMetrics {

    private final MeterRegistry registry;

    public BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordSend(String topic, TopicMessageType type, int bodyBytes, long nanos, boolean success) {
        if (success) {
            String messageType = type.name().toLowerCase(Locale.ROOT);
            Counter.builder("rocketmq.messages.in").tag("topic", topic).tag("message_type", messageType)
                    .register(registry).increment();
            Counter.builder("rocketmq.throughput.in").baseUnit("bytes").tag("topic", topic)
                    .tag("message_type", messageType).register(registry).increment(bodyBytes);
        }
        latency("send", success).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordDelivery(String topic, String group, int messages, long bytes) {
        if (messages == 0) {
            return;
        }
        Counter.builder("rocketmq.messages.out").tag("topic", topic).tag("consumer_group", group)
                .register(registry).increment(messages);
        Counter.builder("rocketmq.throughput.out").baseUnit("bytes").tag("topic", topic).tag("consumer_group", group)
                .register(registry).increment(bytes);
    }

    /** Time to answer a receive, long-polling included. */
    public void recordReceive(long nanos, boolean success) {
        latency("receive", success).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordAck(long nanos, boolean success) {
        latency("ack", success).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer latency(String request, boolean success) {
        return Timer.builder("rocketmq.rpc.latency")
                .tag("protocol_type", "grpc")
                .tag("request_code", request)
                .tag("result", success ? "success" : "failure")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
