package io.couriermq.namesrv.route;

import io.couriermq.namesrv.MutableClock;
import io.couriermq.server.route.BrokerGroup;
import io.couriermq.server.route.BrokerInstance;
import io.couriermq.server.route.BrokerRole;
import io.couriermq.server.route.PermBits;
import io.couriermq.server.route.QueueData;
import io.couriermq.server.route.RouteMessageType;
import io.couriermq.server.route.TopicRoute;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.couriermq.namesrv.route.Registrations.CLUSTER;
import static io.couriermq.namesrv.route.Registrations.autoCreatingMaster;
import static io.couriermq.namesrv.route.Registrations.broker;
import static io.couriermq.namesrv.route.Registrations.master;
import static io.couriermq.namesrv.route.Registrations.slave;
import static io.couriermq.namesrv.route.Registrations.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    private static final Duration EXPIRY = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final RouteTable table = new RouteTable(clock, EXPIRY);

    @Test
    void aRegisteredBrokerServesItsTopics() {
        table.register(master("broker-a", topic("orders", 4), topic("payments", 2)));

        TopicRoute route = table.queryRoute("orders").orElseThrow();

        assertThat(route.queues()).containsExactly(
                new QueueData("broker-a", 4, 4, PermBits.READ_WRITE, RouteMessageType.NORMAL));
        assertThat(route.brokers()).singleElement().satisfies(group -> {
            assertThat(group.cluster()).isEqualTo(CLUSTER);
            assertThat(group.instances()).singleElement().satisfies(instance -> {
                assertThat(instance.brokerId()).isZero();
                assertThat(instance.role()).isEqualTo(BrokerRole.SYNC_MASTER);
                assertThat(instance.lastHeartbeat()).isEqualTo(START);
            });
        });
        assertThat(table.topics()).containsExactly("orders", "payments");
        assertThat(table.queryRoute("unknown")).isEmpty();
    }

    @Test
    void registeringAgainIsIdempotentAndRefreshesTheHeartbeat() {
        table.register(master("broker-a", topic("orders", 4)));
        clock.advance(Duration.ofSeconds(10));
        table.register(master("broker-a", topic("orders", 4)));

        assertThat(table.brokers()).singleElement()
                .satisfies(broker -> assertThat(broker.lastHeartbeat()).isEqualTo(START.plusSeconds(10)));
        assertThat(table.queryRoute("orders").orElseThrow().queues()).hasSize(1);
    }

    @Test
    void aSilentBrokerExpiresOnlyAfterTheExpiry() {
        table.register(master("broker-a", topic("orders", 4)));
        table.register(master("broker-b", topic("orders", 4)));

        clock.advance(EXPIRY.minusSeconds(1));
        table.register(master("broker-b", topic("orders", 4)));
        assertThat(table.expire()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(table.expire()).extracting(RegisteredBroker::key)
                .containsExactly(new BrokerKey(CLUSTER, "broker-a", 0));
        assertThat(table.queryRoute("orders").orElseThrow().queues())
                .extracting(QueueData::brokerName).containsExactly("broker-b");

        clock.advance(EXPIRY.plusMillis(1));
        assertThat(table.expire()).hasSize(1);
        assertThat(table.queryRoute("orders")).isEmpty();
        assertThat(table.brokers()).isEmpty();
    }

    @Test
    void unregisterRemovesTheBrokerAtOnceAndIsIdempotent() {
        table.register(master("broker-a", topic("orders", 4)));
        BrokerKey key = new BrokerKey(CLUSTER, "broker-a", 0);

        assertThat(table.unregister(key)).isTrue();
        assertThat(table.unregister(key)).isFalse();
        assertThat(table.queryRoute("orders")).isEmpty();
        assertThat(table.topics()).isEmpty();
    }

    @Test
    void routesMergeEveryMasterServingTheTopicEachWithItsOwnQueues() {
        table.register(master("broker-b", topic("orders", 8)));
        table.register(master("broker-a", topic("orders", 4), topic("payments", 2)));
        table.register(master("broker-c", topic("payments", 2)));

        TopicRoute route = table.queryRoute("orders").orElseThrow();

        assertThat(route.queues()).extracting(QueueData::brokerName, QueueData::readQueueNums)
                .containsExactly(Tuple.tuple("broker-a", 4),
                        Tuple.tuple("broker-b", 8));
        assertThat(route.brokers()).extracting(BrokerGroup::brokerName).containsExactly("broker-a", "broker-b");
    }

    @Test
    void slavesAppearInTheRouteWhileQueuesFollowTheMaster() {
        table.register(slave("broker-a", 2, topic("orders", 16)));
        table.register(master("broker-a", topic("orders", 4)));
        table.register(slave("broker-a", 1, topic("orders", 4)));

        TopicRoute route = table.queryRoute("orders").orElseThrow();

        assertThat(route.queues()).singleElement().satisfies(data -> assertThat(data.readQueueNums()).isEqualTo(4));
        assertThat(route.brokers()).singleElement().satisfies(group -> assertThat(group.instances())
                .extracting(BrokerInstance::brokerId, BrokerInstance::role)
                .containsExactly(Tuple.tuple(0L, BrokerRole.SYNC_MASTER),
                        Tuple.tuple(1L, BrokerRole.SLAVE),
                        Tuple.tuple(2L, BrokerRole.SLAVE)));
    }

    @Test
    void aSlaveStillListingATopicItsMasterDroppedDoesNotKeepItRouted() {
        table.register(master("broker-a"));
        table.register(slave("broker-a", 1, topic("orders", 4)));

        assertThat(table.queryRoute("orders")).isEmpty();
    }

    @Test
    void whenTheMasterIsGoneItsSlavesKeepTheTopicVisible() {
        table.register(master("broker-a", topic("orders", 4)));
        table.register(slave("broker-a", 1, topic("orders", 4)));
        table.unregister(new BrokerKey(CLUSTER, "broker-a", 0));

        TopicRoute route = table.queryRoute("orders").orElseThrow();

        assertThat(route.queues()).extracting(QueueData::brokerName).containsExactly("broker-a");
        assertThat(route.brokers()).singleElement()
                .satisfies(group -> assertThat(group.master()).isEmpty());
    }

    @Test
    void aTopicMissingFromTheNextRegistrationIsNoLongerServedByThatBroker() {
        table.register(broker("broker-a", 0, BrokerRole.SYNC_MASTER, 1, false,
                List.of(topic("orders", 4), topic("payments", 2))));
        table.register(master("broker-b", topic("orders", 4)));

        table.register(broker("broker-a", 0, BrokerRole.SYNC_MASTER, 2, false, List.of(topic("payments", 2))));

        assertThat(table.queryRoute("orders").orElseThrow().queues())
                .extracting(QueueData::brokerName).containsExactly("broker-b");
        assertThat(table.queryRoute("payments")).isPresent();
        assertThat(table.topics()).containsExactly("orders", "payments");

        table.register(broker("broker-b", 0, BrokerRole.SYNC_MASTER, 2, false, List.of()));
        assertThat(table.queryRoute("orders")).isEmpty();
        assertThat(table.topics()).containsExactly("payments");
    }

    @Test
    void anUnknownTopicIsRoutedToMastersThatCreateTopicsOnFirstSend() {
        table.register(autoCreatingMaster("broker-a", topic("orders", 4)));
        table.register(slave("broker-a", 1));
        table.register(master("broker-b", topic("payments", 2)));

        TopicRoute route = table.queryRoute("brand-new").orElseThrow();

        assertThat(route.queues()).containsExactly(
                new QueueData("broker-a", 8, 8, PermBits.READ_WRITE, RouteMessageType.MIXED));
        assertThat(route.brokers()).singleElement().satisfies(group -> assertThat(group.instances())
                .extracting(BrokerInstance::brokerId).containsExactly(0L, 1L));
        assertThat(table.topics()).doesNotContain("brand-new");
    }

    @Test
    void anExistingTopicIsNotWidenedToAutoCreatingBrokers() {
        table.register(autoCreatingMaster("broker-a"));
        table.register(master("broker-b", topic("orders", 4)));

        assertThat(table.queryRoute("orders").orElseThrow().queues())
                .extracting(QueueData::brokerName).containsExactly("broker-b");
    }

    @Test
    void noAutoCreatedRouteOnceTheAutoCreatingMasterIsGone() {
        table.register(autoCreatingMaster("broker-a"));
        table.register(slave("broker-a", 1));
        table.unregister(new BrokerKey(CLUSTER, "broker-a", 0));

        assertThat(table.queryRoute("brand-new")).isEmpty();
    }

    @Test
    void clusterInfoListsBrokerNamesPerClusterAndEveryInstance() {
        table.register(master("broker-b"));
        table.register(master("broker-a"));
        table.register(slave("broker-a", 1));
        table.register(new BrokerRegistration(new BrokerKey("other", "broker-x", 0), BrokerRole.ASYNC_MASTER,
                "broker-x.local:8081", "", "", Map.of(), 0, 0, PermBits.READ_WRITE, false, 0));

        ClusterInfo info = table.clusterInfo();

        assertThat(info.brokerNamesByCluster()).containsExactly(
                Map.entry(CLUSTER, List.of("broker-a", "broker-b")),
                Map.entry("other", List.of("broker-x")));
        assertThat(info.brokers()).extracting(group -> group.brokerName() + ":" + group.instances().size())
                .containsExactly("broker-a:2", "broker-b:1", "broker-x:1");
        assertThat(table.master(CLUSTER, "broker-a")).isPresent();
        assertThat(table.master(CLUSTER, "broker-z")).isEmpty();
    }

    @Test
    void inconsistentRegistrationsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> broker("broker-a", 1, BrokerRole.SYNC_MASTER, 1, false, List.of()))
                .hasMessageContaining("SYNC_MASTER must have broker id 0");
        assertThatThrownBy(() -> broker("broker-a", 0, BrokerRole.SLAVE, 1, false, List.of()))
                .hasMessageContaining("SLAVE must have broker id above 0");
        assertThatThrownBy(() -> new BrokerRegistration(new BrokerKey(CLUSTER, "b", 0), BrokerRole.SYNC_MASTER,
                "no-port", "", "", Map.of(), 0, 0, 6, false, 0)).hasMessageContaining("grpcAddress");
        assertThatThrownBy(() -> new BrokerRegistration(new BrokerKey(CLUSTER, "b", 0), BrokerRole.SYNC_MASTER,
                "h:1", "", "", Map.of(), 0, 0, 6, true, 0)).hasMessageContaining("defaultTopicQueueNums");
        assertThatThrownBy(() -> new BrokerRegistration(new BrokerKey(CLUSTER, "b", 0), BrokerRole.SYNC_MASTER,
                "h:1", "", "", Map.of(), 0, 0, 16, false, 0)).hasMessageContaining("brokerPermission");
        assertThatThrownBy(() -> new BrokerKey(" ", "b", 0)).hasMessageContaining("cluster");
        assertThatThrownBy(() -> new BrokerKey("c", "b", -1)).hasMessageContaining("brokerId");
        assertThatThrownBy(() -> BrokerRegistration.byName(List.of(topic("t", 1), topic("t", 2))))
                .hasMessageContaining("topic t is listed twice");
        assertThatThrownBy(() -> topic("t", -1)).hasMessageContaining("negative");
    }
}
