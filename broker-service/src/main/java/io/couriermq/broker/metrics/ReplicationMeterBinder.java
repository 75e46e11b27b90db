package io.couriermq.broker.metrics;

import io.couriermq.broker.config.BrokerRuntime;
import io.couriermq.broker.ha.MasterReplication;
import io.couriermq.broker.ha.SlaveReplication;
import io.couriermq.ha.ReplicationStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Replication gauges. RocketMQ exports none for HA, so they carry Courier's prefix. On a master, per slave (tag
 * {@code slave}, the slave's {@code brokerName/brokerId}): {@code courier_ha_slave_lag_bytes},
 * {@code courier_ha_slave_lag_ms} (age of the oldest write the slave has not acknowledged),
 * {@code courier_ha_slave_connected} and {@code courier_ha_slave_in_sync} (1 or 0), and
 * {@code courier_ha_in_sync_slaves}. On a slave: {@code courier_ha_master_connected} and
 * {@code courier_ha_slave_log_end_offset}. Values are read at each scrape; the set of slaves is refreshed every
 * few seconds, since slaves come and go.
 */
@Component
class ReplicationMeterBinder implements MeterBinder {

    private final BrokerRuntime broker;
    private final List<SlaveGauge> slaveGauges = new ArrayList<>();

    /** One per-slave gauge: its name and how to read it from the slave's entry. */
    private record SlaveGauge(MultiGauge gauge, ToDoubleFunction<ReplicationStatus.Replica> value) {
    }

    ReplicationMeterBinder(BrokerRuntime broker) {
        this.broker = broker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (broker.replication() instanceof MasterReplication master) {
            Gauge.builder("courier.ha.in.sync.slaves", master, m -> m.status().inSyncSlaves())
                    .description("slaves within haMaxGapNotInSync of the master: those SYNC_MASTER sends count on")
                    .register(registry);
            slaveGauge(registry, "courier.ha.slave.lag.bytes", "commit log bytes the slave has not acknowledged",
                    ReplicationStatus.Replica::lagBytes);
            slaveGauge(registry, "courier.ha.slave.lag.ms", "age of the oldest write the slave has not acknowledged",
                    replica -> replica.lagTime().toMillis());
            slaveGauge(registry, "courier.ha.slave.connected", "1 while the slave is connected",
                    replica -> replica.connected() ? 1 : 0);
            slaveGauge(registry, "courier.ha.slave.in.sync", "1 while the slave counts for SYNC_MASTER sends",
                    replica -> replica.inSync() ? 1 : 0);
            refreshSlaves();
        } else if (broker.replication() instanceof SlaveReplication slave) {
            Gauge.builder("courier.ha.master.connected", slave, s -> s.status().connected() ? 1 : 0)
                    .description("1 while this slave is connected to its master").register(registry);
            Gauge.builder("courier.ha.slave.log.end.offset", slave, s -> s.status().endOffset())
                    .description("where the complete records copied from the master end").register(registry);
        }
    }

    private void slaveGauge(MeterRegistry registry, String name, String description,
                            ToDoubleFunction<ReplicationStatus.Replica> value) {
        slaveGauges.add(new SlaveGauge(MultiGauge.builder(name).description(description).register(registry), value));
    }

    @Scheduled(fixedDelayString = "${courier.broker.metricsRefreshInterval:5s}")
    void refreshSlaves() {
        if (!(broker.replication() instanceof MasterReplication master)) {
            return;
        }
        List<String> slaveIds = master.status().slaves().stream().map(ReplicationStatus.Replica::slaveId).toList();
        for (SlaveGauge slaveGauge : slaveGauges) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String slaveId : slaveIds) {
                rows.add(MultiGauge.Row.of(Tags.of("slave", slaveId),
                        () -> replica(master, slaveId).map(r -> slaveGauge.value().applyAsDouble(r)).orElse(Double.NaN)));
            }
            slaveGauge.gauge().register(rows, true);
        }
    }

    private static Optional<ReplicationStatus.Replica> replica(MasterReplication master, String slaveId) {
        return master.status().slaves().stream().filter(r -> r.slaveId().equals(slaveId)).findFirst();
    }
}
