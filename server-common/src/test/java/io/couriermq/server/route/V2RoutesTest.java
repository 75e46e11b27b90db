package io.couriermq.server.route;

import apache.rocketmq.v2.AddressScheme;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.Permission;
import apache.rocketmq.v2.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.couriermq.server.route.RouteFixtures.master;
import static io.couriermq.server.route.RouteFixtures.route;
import static io.couriermq.server.route.RouteFixtures.slave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class V2RoutesTest {

    private static final Resource TOPIC = Resource.newBuilder().setResourceNamespace("ns").setName("orders").build();

    @Test
    void oneQueuePerQueueIdOfTheMasterWithItsAddress() {
        TopicRoute route = route(new QueueData("broker-a", 4, 4, PermBits.READ_WRITE, RouteMessageType.NORMAL),
                master("10.0.0.1:8081", PermBits.READ_WRITE));

        List<MessageQueue> queues = V2Routes.messageQueues(TOPIC, route);

        assertThat(queues).extracting(MessageQueue::getId).containsExactly(0, 1, 2, 3);
        assertThat(queues).allSatisfy(queue -> {
            assertThat(queue.getTopic()).isEqualTo(TOPIC);
            assertThat(queue.getPermission()).isEqualTo(Permission.READ_WRITE);
            assertThat(queue.getBroker().getName()).isEqualTo("broker-a");
            assertThat(queue.getBroker().getId()).isZero();
            assertThat(queue.getBroker().getEndpoints().getScheme()).isEqualTo(AddressScheme.IPv4);
            assertThat(queue.getBroker().getEndpoints().getAddressesList()).singleElement()
                    .satisfies(address -> {
                        assertThat(address.getHost()).isEqualTo("10.0.0.1");
                        assertThat(address.getPort()).isEqualTo(8081);
                    });
            assertThat(queue.getAcceptMessageTypesList()).containsExactly(MessageType.NORMAL);
        });
    }

    @Test
    void idsBeyondTheReadCountAreWriteOnlyAndBeyondTheWriteCountReadOnly() {
        BrokerInstance master = master("10.0.0.1:8081", PermBits.READ_WRITE);

        assertThat(permissions(route(queues(2, 4, PermBits.READ_WRITE), master)))
                .containsExactly(Permission.READ_WRITE, Permission.READ_WRITE, Permission.WRITE, Permission.WRITE);
        assertThat(permissions(route(queues(3, 1, PermBits.READ_WRITE), master)))
                .containsExactly(Permission.READ_WRITE, Permission.READ, Permission.READ);
    }

    @Test
    void topicAndBrokerPermissionsRestrictEveryQueue() {
        assertThat(permissions(route(queues(2, 2, PermBits.READ), master("10.0.0.1:8081", PermBits.READ_WRITE))))
                .containsOnly(Permission.READ);
        assertThat(permissions(route(queues(2, 2, PermBits.READ_WRITE), master("10.0.0.1:8081", PermBits.READ))))
                .containsOnly(Permission.READ);
        assertThat(permissions(route(queues(2, 2, PermBits.WRITE), master("10.0.0.1:8081", PermBits.READ))))
                .containsOnly(Permission.NONE);
    }

    @Test
    void neverEmitsAnUnspecifiedPermissionAndAlwaysMaxOfReadAndWriteQueues() {
        for (int read = 0; read <= 3; read++) {
            for (int write = 0; write <= 3; write++) {
                for (int topicPerm = 0; topicPerm <= 7; topicPerm++) {
                    for (int brokerPerm = 0; brokerPerm <= 7; brokerPerm++) {
                        List<MessageQueue> queues = V2Routes.messageQueues(TOPIC,
                                route(queues(read, write, topicPerm), master("10.0.0.1:8081", brokerPerm)));
                        assertThat(queues).hasSize(Math.max(read, write));
                        assertThat(queues).extracting(MessageQueue::getPermission)
                                .doesNotContain(Permission.PERMISSION_UNSPECIFIED, Permission.UNRECOGNIZED);
                    }
                }
            }
        }
    }

    @Test
    void aMasterServesItsGroupAndItsSlavesGetNoQueues() {
        QueueData data = queues(2, 2, PermBits.READ_WRITE);

        assertThat(V2Routes.messageQueues(TOPIC, route(data, master("10.0.0.1:8081", 6), slave(1, "10.0.0.2:8081"))))
                .allSatisfy(queue -> {
                    assertThat(queue.getBroker().getId()).isZero();
                    assertThat(queue.getBroker().getEndpoints().getAddresses(0).getHost()).isEqualTo("10.0.0.1");
                    assertThat(queue.getPermission()).isEqualTo(Permission.READ_WRITE);
                });
    }

    @Test
    void whileTheMasterIsGoneItsLowestSlaveServesReadOnlyNamedAsIdZero() {
        QueueData data = queues(2, 2, PermBits.READ_WRITE);
        BrokerInstance slaveWithWrongPermission = new BrokerInstance(1, BrokerRole.SLAVE, "10.0.0.2:8081", "", "",
                PermBits.READ_WRITE, RouteFixtures.HEARTBEAT, 0);

        for (TopicRoute route : List.of(route(data, slave(2, "10.0.0.3:8081"), slave(1, "10.0.0.2:8081")),
                route(data, slaveWithWrongPermission))) {
            assertThat(V2Routes.messageQueues(TOPIC, route)).hasSize(2).allSatisfy(queue -> {
                assertThat(queue.getBroker().getId()).as("the clients use only id 0").isZero();
                assertThat(queue.getBroker().getEndpoints().getAddresses(0).getHost()).isEqualTo("10.0.0.2");
                assertThat(queue.getPermission()).isEqualTo(Permission.READ);
            });
        }
    }

    @Test
    void everyMasterOfTheRouteContributesItsQueues() {
        TopicRoute route = new TopicRoute("orders",
                List.of(new QueueData("broker-a", 2, 2, 6, RouteMessageType.NORMAL),
                        new QueueData("broker-b", 1, 1, 6, RouteMessageType.NORMAL)),
                List.of(new BrokerGroup("c", "broker-a", List.of(master("10.0.0.1:8081", 6))),
                        new BrokerGroup("c", "broker-b", List.of(master("10.0.0.2:8081", 6)))));

        assertThat(V2Routes.messageQueues(TOPIC, route))
                .extracting(queue -> queue.getBroker().getName() + "/" + queue.getId())
                .containsExactly("broker-a/0", "broker-a/1", "broker-b/0");
    }

    @Test
    void acceptedTypesFollowTheTopicTypeAndMixedAcceptsAllFour() {
        assertThat(V2Routes.acceptedTypes(RouteMessageType.MIXED)).containsExactly(
                MessageType.NORMAL, MessageType.FIFO, MessageType.DELAY, MessageType.TRANSACTION);
        assertThat(V2Routes.acceptedTypes(RouteMessageType.FIFO)).containsExactly(MessageType.FIFO);
        assertThat(V2Routes.acceptedTypes(RouteMessageType.DELAY)).containsExactly(MessageType.DELAY);
        assertThat(V2Routes.acceptedTypes(RouteMessageType.TRANSACTION)).containsExactly(MessageType.TRANSACTION);
        for (RouteMessageType type : RouteMessageType.values()) {
            assertThat(V2Routes.acceptedTypes(type)).isNotEmpty().containsAnyOf(
                    MessageType.NORMAL, MessageType.FIFO, MessageType.DELAY, MessageType.TRANSACTION)
                    .doesNotContain(MessageType.MESSAGE_TYPE_UNSPECIFIED, MessageType.LITE, MessageType.PRIORITY);
        }
    }

    @Test
    void endpointsSchemeFollowsTheHost() {
        assertEndpoint("192.168.1.20:8081", AddressScheme.IPv4, "192.168.1.20", 8081);
        assertEndpoint("[::1]:8081", AddressScheme.IPv6, "::1", 8081);
        assertEndpoint("fe80::1:8081", AddressScheme.IPv6, "fe80::1", 8081);
        assertEndpoint("broker-a.example.com:8081", AddressScheme.DOMAIN_NAME, "broker-a.example.com", 8081);
        assertEndpoint("localhost:8081", AddressScheme.DOMAIN_NAME, "localhost", 8081);
        assertEndpoint("256.1.1.1:8081", AddressScheme.DOMAIN_NAME, "256.1.1.1", 8081);
    }

    @Test
    void malformedAddressesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> V2Routes.endpoints("broker-a")).hasMessageContaining("'broker-a'");
        assertThatThrownBy(() -> V2Routes.endpoints("broker-a:")).hasMessageContaining("not host:port");
        assertThatThrownBy(() -> V2Routes.endpoints(":8081")).hasMessageContaining("not host:port");
        assertThatThrownBy(() -> V2Routes.endpoints("broker-a:0")).hasMessageContaining("[1, 65535]");
        assertThatThrownBy(() -> V2Routes.endpoints("broker-a:http")).hasMessageContaining("[1, 65535]");
        assertThatThrownBy(() -> V2Routes.endpoints("[]:8081")).hasMessageContaining("empty host");
    }

    @Test
    void assignmentsAreOneAnyQueuePerReadableGroup() {
        TopicRoute route = new TopicRoute("orders",
                List.of(new QueueData("broker-a", 4, 4, 6, RouteMessageType.FIFO),
                        new QueueData("broker-b", 4, 4, 6, RouteMessageType.FIFO),
                        new QueueData("broker-c", 4, 4, 6, RouteMessageType.FIFO)),
                List.of(new BrokerGroup("c", "broker-a", List.of(master("10.0.0.1:8081", 6), slave(1, "10.0.0.4:1"))),
                        new BrokerGroup("c", "broker-b", List.of(master("10.0.0.2:8081", PermBits.WRITE))),
                        new BrokerGroup("c", "broker-c", List.of(slave(1, "10.0.0.3:8081")))));

        List<MessageQueue> assignments = V2Routes.assignmentQueues(TOPIC, route);

        assertThat(assignments).extracting(queue -> queue.getBroker().getName())
                .as("broker-b's master takes no reads; broker-c's slave acts for its master")
                .containsExactly("broker-a", "broker-c");
        assertThat(assignments.get(0)).satisfies(queue -> {
            assertThat(queue.getId()).isEqualTo(V2Routes.ANY_QUEUE);
            assertThat(queue.getBroker().getId()).isZero();
            assertThat(queue.getPermission()).isEqualTo(Permission.READ_WRITE);
            assertThat(queue.getAcceptMessageTypesList()).containsExactly(MessageType.FIFO);
        });
        assertThat(assignments.get(1)).satisfies(queue -> {
            assertThat(queue.getBroker().getId()).isZero();
            assertThat(queue.getBroker().getEndpoints().getAddresses(0).getHost()).isEqualTo("10.0.0.3");
            assertThat(queue.getPermission()).isEqualTo(Permission.READ);
        });
    }

    @Test
    void noAssignmentWithoutReadableQueues() {
        BrokerInstance master = master("10.0.0.1:8081", PermBits.READ_WRITE);

        assertThat(V2Routes.assignmentQueues(TOPIC, route(queues(4, 4, PermBits.WRITE), master))).isEmpty();
        assertThat(V2Routes.assignmentQueues(TOPIC, route(queues(0, 4, PermBits.READ_WRITE), master))).isEmpty();
        assertThat(V2Routes.assignmentQueues(TOPIC, route(queues(4, 0, PermBits.READ_WRITE), master)))
                .extracting(MessageQueue::getPermission).containsExactly(Permission.READ);
    }

    private static QueueData queues(int read, int write, int perm) {
        return new QueueData("broker-a", read, write, perm, RouteMessageType.NORMAL);
    }

    private static List<Permission> permissions(TopicRoute route) {
        return V2Routes.messageQueues(TOPIC, route).stream().map(MessageQueue::getPermission).toList();
    }

    private static void assertEndpoint(String hostAndPort, AddressScheme scheme, String host, int port) {
        var endpoints = V2Routes.endpoints(hostAndPort);
        assertThat(endpoints.getScheme()).as(hostAndPort).isEqualTo(scheme);
        assertThat(endpoints.getAddressesList()).as(hostAndPort).singleElement().satisfies(address -> {
            assertThat(address.getHost()).isEqualTo(host);
            assertThat(address.getPort()).isEqualTo(port);
        });
    }
}
