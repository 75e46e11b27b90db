package io.couriermq.broker.config;

import io.couriermq.server.launch.ConfigTranslation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The RocketMQ key table against the properties it fills, and every shipped conf/ layout against the rules. */
class RocketMqBrokerKeysTest {

    private static final Path CONF = Path.of("..", "conf");

    /** One broker file of a layout, bound as the broker would bind it. */
    private record Broker(Path file, BrokerProperties broker, ReplicationProperties replication, int httpPort) {
    }

    @Test
    void everyTranslatedKeyNamesAPropertyTheBrokerHas() {
        Set<String> components = new HashSet<>();
        for (Class<?> properties : List.of(BrokerProperties.class, ReplicationProperties.class)) {
            Arrays.stream(properties.getRecordComponents()).map(RecordComponent::getName)
                    .forEach(name -> components.add("courier.broker." + name));
        }

        assertThat(RocketMqBrokerKeys.TABLE.renames().values()).allSatisfy(key -> assertThat(components).contains(key));
        assertThat(components).contains(RocketMqBrokerKeys.TABLE.listenPortKey(), RocketMqBrokerKeys.NAMESRV_ADDR);
        assertThat(RocketMqBrokerKeys.TABLE.renames().keySet()).doesNotContainAnyElementsOf(
                RocketMqBrokerKeys.TABLE.notApplied().keySet());
    }

    @Test
    void rocketMqMillisecondsAndSizesBindAsRocketMqMeansThem() {
        Properties file = new Properties();
        file.putAll(Map.of("slaveTimeout", "3000", "registerNameServerPeriod", "30000", "haTransferBatchSize", "65536",
                "haMaxGapNotInSync", "1048576", "brokerIP1", "10.0.0.7", "storePathRootDir", "/data/store",
                "flushDiskType", "SYNC_FLUSH"));

        Broker broker = bind(Path.of("inline"), file);

        assertThat(broker.replication().slaveTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(broker.broker().registerInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(broker.replication().haTransferBatchSize()).isEqualTo(65536);
        assertThat(broker.replication().haMaxGapNotInSync()).isEqualTo(1048576);
        assertThat(broker.broker().brokerIp()).isEqualTo("10.0.0.7");
        assertThat(broker.broker().flushDiskType().name()).isEqualTo("SYNC_FLUSH");
    }

    @Test
    void everyLayoutRunsSideBySideOnOneMachine() throws IOException {
        List<Path> layouts;
        try (Stream<Path> dirs = Files.list(CONF)) {
            layouts = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(layouts).extracting(dir -> dir.getFileName().toString())
                .containsExactly("2m-2s-async", "2m-2s-sync", "2m-noslave");
        for (Path layout : layouts) {
            List<Broker> brokers = new ArrayList<>();
            try (Stream<Path> files = Files.list(layout)) {
                for (Path file : files.sorted().toList()) {
                    brokers.add(bind(file, load(file)));
                }
            }
            checkLayout(layout.getFileName().toString(), brokers);
        }
    }

    private static void checkLayout(String layout, List<Broker> brokers) {
        List<Integer> ports = new ArrayList<>();
        Set<Path> stores = new HashSet<>();
        Map<String, BrokerProperties> masters = new HashMap<>();
        for (Broker b : brokers) {
            BrokerRoles.check(b.broker());
            String fileName = b.file().getFileName().toString();
            assertThat(fileName).isEqualTo(b.broker().brokerName()
                    + (BrokerRoles.isSlave(b.broker()) ? "-s" : "") + ".properties");
            ports.addAll(List.of(b.broker().grpcPort(), b.replication().haPort(b.broker().grpcPort()), b.httpPort()));
            stores.add(b.broker().storePathRootDir());
            if (!BrokerRoles.isSlave(b.broker())) {
                masters.put(b.broker().brokerName(), b.broker());
                assertThat(b.broker().brokerRole().name()).as(layout + "/" + fileName)
                        .isEqualTo(layout.equals("2m-2s-sync") ? "SYNC_MASTER" : "ASYNC_MASTER");
            }
        }
        assertThat(ports).as(layout + ": every port once").doesNotHaveDuplicates();
        assertThat(stores).as(layout + ": a store directory each").hasSize(brokers.size());
        assertThat(masters.keySet()).as(layout).containsExactlyInAnyOrder("broker-a", "broker-b");
        brokers.stream().filter(b -> BrokerRoles.isSlave(b.broker())).forEach(slave -> {
            BrokerProperties master = masters.get(slave.broker().brokerName());
            assertThat(master).as("the master of " + slave.file()).isNotNull();
            assertThat(slave.broker().mappedFileSizeCommitLog()).isEqualTo(master.mappedFileSizeCommitLog());
        });
    }

    private static Broker bind(Path file, Properties properties) {
        ConfigTranslation translation = ConfigTranslation.of(properties, RocketMqBrokerKeys.TABLE);
        assertThat(translation.warnings()).as(file.toString()).isEmpty();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource(file.toString(),
                new HashMap<>(translation.springProperties())));
        Binder binder = Binder.get(environment);
        return new Broker(file, binder.bindOrCreate("courier.broker", BrokerProperties.class),
                binder.bindOrCreate("courier.broker", ReplicationProperties.class),
                binder.bind("server.port", Integer.class).orElse(8080));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
