package io.couriermq.broker.metrics;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.core.transaction.PendingTransaction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the broker holds back, under RocketMQ 5's metric names: delay messages waiting for their time
 * ({@code rocketmq_timing_messages}, and of those the ones not yet read into the schedule as
 * {@code rocketmq_timer_enqueue_lag}), messages the timer released ({@code rocketmq_timer_dequeue_total}), and
 * half messages of open transactions per topic ({@code rocketmq_half_messages}, refreshed every few seconds).
 * Commits, rollbacks and delay lateness are counted as they happen, in {@link BrokerMetrics}.
 */
@Component
class DelayAndTransactionMeterBinder implements MeterBinder {

    private final BrokerRuntime broker;
    private MultiGauge halfMessages;

    DelayAndTransactionMeterBinder(BrokerRuntime broker) {
        this.broker = broker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("rocketmq.timing.messages", broker, b -> b.timer().stats().pending())
                .description("delay messages waiting for their delivery time").register(registry);
        Gauge.builder("rocketmq.timer.enqueue.lag", broker, b -> b.timer().stats().notYetScheduled())
                .description("delay messages stored but not yet read into the timer's schedule").register(registry);
        FunctionCounter.builder("rocketmq.timer.dequeue", broker, b -> b.timer().stats().delivered())
                .description("delay messages released to their topic since the broker started").register(registry);
        Gauge.builder("rocketmq.transaction.open", broker, b -> b.transactions().stats().open())
                .description("transactions waiting for their outcome").register(registry);
        FunctionCounter.builder("rocketmq.transaction.checks", broker, b -> b.transactions().stats().checks())
                .description("orphaned transaction checks since the broker started").register(registry);
        halfMessages = MultiGauge.builder("rocketmq.half.messages")
                .description("half messages of open transactions, per topic").register(registry);
        refreshHalfMessages();
    }

    @Scheduled(fixedDelayString = "${courier.broker.metricsRefreshInterval:5s}")
    void refreshHalfMessages() {
        if (halfMessages == null) {
            return;
        }
        Map<String, Integer> byTopic = new TreeMap<>();
        for (PendingTransaction transaction : broker.transactions().pending()) {
            byTopic.merge(transaction.topic(), 1, Integer::sum);
        }
        List<MultiGauge.Row<?>> rows = byTopic.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("topic", e.getKey()), e.getValue()))
                .toList();
        halfMessages.register(rows, true);
    }
}
