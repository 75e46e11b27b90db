package io.couriermq.broker.metrics;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.core.consume.CursorProgress;
import io.couriermq.broker.core.group.GroupConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gauges read from the broker's state, under RocketMQ 5's metric names: store size and backlogs, topic and group
 * counts, connected clients, and consumer lag and in-flight messages per group and topic (refreshed every few
 * seconds, since groups come and go).
 */
@Component
class BrokerMeterBinder implements MeterBinder {

    private final BrokerRuntime broker;
    private MultiGauge lag;
    private MultiGauge inFlight;
    private MultiGauge messageGroupsInFlight;

    BrokerMeterBinder(BrokerRuntime broker) {
        this.broker = broker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("rocketmq.storage.size", broker, b -> b.store().stats().logWrittenOffset()
                        - b.store().stats().logMinOffset())
                .baseUnit("bytes").description("bytes of messages held in the commit log").register(registry);
        Gauge.builder("rocketmq.storage.flush.behind", broker, b -> b.store().stats().flushBehindBytes())
                .baseUnit("bytes").register(registry);
        Gauge.builder("rocketmq.storage.dispatch.behind", broker, b -> b.store().stats().dispatchBehindBytes())
                .baseUnit("bytes").register(registry);
        Gauge.builder("rocketmq.storage.disk.used.ratio", broker, b -> b.store().stats().diskUsedRatio())
                .register(registry);
        Gauge.builder("rocketmq.topic.number", broker, b -> b.topics().all().size()).register(registry);
        Gauge.builder("rocketmq.consumer.group.number", broker, b -> b.groups().all().size()).register(registry);
        Gauge.builder("rocketmq.client.connections", broker, b -> b.clients().list().size()).register(registry);
        lag = MultiGauge.builder("rocketmq.consumer.lag.messages")
                .description("messages not yet consumed, per group and topic").register(registry);
        inFlight = MultiGauge.builder("rocketmq.consumer.inflight.messages")
                .description("messages delivered and not yet acknowledged").register(registry);
        messageGroupsInFlight = MultiGauge.builder("rocketmq.consumer.fifo.message.groups.inflight")
                .description("FIFO groups: message groups with a delivery out, their later messages held back")
                .register(registry);
        refreshConsumerGauges();
    }

    @Scheduled(fixedDelayString = "${courier.broker.metricsRefreshInterval:5s}")
    void refreshConsumerGauges() {
        if (lag == null) {
            return;
        }
        Map<List<String>, long[]> byGroupAndTopic = new HashMap<>();
        for (CursorProgress progress : broker.consumption().allProgress()) {
            long max = broker.store().maxOffset(progress.topic(), progress.queueId());
            long[] sums = byGroupAndTopic.computeIfAbsent(List.of(progress.group(), progress.topic()), k -> new long[3]);
            sums[0] += Math.max(0, max - progress.committed());
            sums[1] += progress.inFlight();
            sums[2] += progress.busyMessageGroups();
        }
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        List<MultiGauge.Row<?>> inFlightRows = new ArrayList<>();
        List<MultiGauge.Row<?>> messageGroupRows = new ArrayList<>();
        byGroupAndTopic.forEach((key, sums) -> {
            Tags tags = Tags.of("consumer_group", key.get(0), "topic", key.get(1));
            lagRows.add(MultiGauge.Row.of(tags, sums[0]));
            inFlightRows.add(MultiGauge.Row.of(tags, sums[1]));
            if (broker.groups().find(key.get(0)).map(GroupConfig::fifo).orElse(false)) {
                messageGroupRows.add(MultiGauge.Row.of(tags, sums[2]));
            }
        });
        lag.register(lagRows, true);
        inFlight.register(inFlightRows, true);
        messageGroupsInFlight.register(messageGroupRows, true);
    }
}
