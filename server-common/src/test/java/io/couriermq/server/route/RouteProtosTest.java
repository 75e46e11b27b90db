package io.couriermq.server.route;

import io.couriermq.proto.namesrv.v1.MessageType;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.couriermq.server.route.RouteFixtures.master;
import static io.couriermq.server.route.RouteFixtures.slave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteProtosTest {

    @Test
    void aRouteSurvivesTheRoundTripWithTheBrokerPermissionFoldedIntoTheQueues() {
        TopicRoute route = new TopicRoute("orders",
                List.of(new QueueData("broker-a", 8, 4, PermBits.READ_WRITE, RouteMessageType.MIXED)),
                List.of(new BrokerGroup("DefaultCluster", "broker-a",
                        List.of(master("10.0.0.1:8081", PermBits.READ), slave(1, "10.0.0.2:8081")))));

        QueryTopicRouteResponse proto = RouteProtos.toProto(route);
        TopicRoute back = RouteProtos.fromProto("orders", proto);

        assertThat(proto.getFound()).isTrue();
        assertThat(proto.getQueues(0).getPerm()).isEqualTo(PermBits.READ);
        assertThat(proto.getQueues(0).getMessageType()).isEqualTo(MessageType.MIXED);
        assertThat(back.queues()).containsExactly(
                new QueueData("broker-a", 8, 4, PermBits.READ, RouteMessageType.MIXED));
        assertThat(back.brokers()).singleElement().satisfies(group -> {
            assertThat(group.cluster()).isEqualTo("DefaultCluster");
            assertThat(group.instances()).extracting(BrokerInstance::brokerId).containsExactly(0L, 1L);
            assertThat(group.instances().get(0)).usingRecursiveComparison().ignoringFields("permission")
                    .isEqualTo(route.brokers().get(0).instances().get(0));
            assertThat(group.instances()).extracting(BrokerInstance::permission).containsOnly(PermBits.READ_WRITE);
        });
        assertThat(V2Routes.messageQueues(apache.rocketmq.v2.Resource.getDefaultInstance(), back))
                .isEqualTo(V2Routes.messageQueues(apache.rocketmq.v2.Resource.getDefaultInstance(), route));
    }

    @Test
    void aGroupServedByASlaveKeepsItsQueuesReadOnlyThroughTheRoundTrip() {
        TopicRoute route = new TopicRoute("orders",
                List.of(new QueueData("broker-a", 2, 2, PermBits.READ_WRITE, RouteMessageType.NORMAL)),
                List.of(new BrokerGroup("DefaultCluster", "broker-a", List.of(slave(1, "10.0.0.2:8081")))));

        QueryTopicRouteResponse proto = RouteProtos.toProto(route);

        assertThat(proto.getQueues(0).getPerm()).isEqualTo(PermBits.READ);
        assertThat(V2Routes.messageQueues(apache.rocketmq.v2.Resource.getDefaultInstance(),
                RouteProtos.fromProto("orders", proto)))
                .isEqualTo(V2Routes.messageQueues(apache.rocketmq.v2.Resource.getDefaultInstance(), route))
                .extracting(apache.rocketmq.v2.MessageQueue::getPermission)
                .containsOnly(apache.rocketmq.v2.Permission.READ);
    }

    @Test
    void unspecifiedMessageTypeIsNormal() {
        assertThat(RouteProtos.fromProto(MessageType.MESSAGE_TYPE_UNSPECIFIED)).isEqualTo(RouteMessageType.NORMAL);
        for (RouteMessageType type : RouteMessageType.values()) {
            assertThat(RouteProtos.fromProto(RouteProtos.toProto(type))).isEqualTo(type);
        }
    }

    @Test
    void anUnspecifiedRoleIsRefused() {
        assertThatThrownBy(() -> RouteProtos.fromProto(io.couriermq.proto.namesrv.v1.BrokerRole.BROKER_ROLE_UNSPECIFIED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broker role");
        for (BrokerRole role : BrokerRole.values()) {
            assertThat(RouteProtos.fromProto(RouteProtos.toProto(role))).isEqualTo(role);
        }
    }
}
