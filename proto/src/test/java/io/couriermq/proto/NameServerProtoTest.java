package io.couriermq.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.couriermq.proto.namesrv.v1.BrokerData;
import io.couriermq.proto.namesrv.v1.BrokerEndpoints;
import io.couriermq.proto.namesrv.v1.BrokerIdentity;
import io.couriermq.proto.namesrv.v1.BrokerInstance;
import io.couriermq.proto.namesrv.v1.BrokerRole;
import io.couriermq.proto.namesrv.v1.MessageType;
import io.couriermq.proto.namesrv.v1.NameServerGrpc;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import io.couriermq.proto.namesrv.v1.QueueData;
import io.couriermq.proto.namesrv.v1.RegisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.TopicConfig;
import org.junit.jupiter.api.Test;

class NameServerProtoTest {

    @Test
    void registerBrokerRequestRoundTripsThroughBytes() throws InvalidProtocolBufferException {
        RegisterBrokerRequest request = RegisterBrokerRequest.newBuilder()
                .setIdentity(BrokerIdentity.newBuilder()
                        .setClusterName("DefaultCluster").setBrokerName("broker-a").setBrokerId(0))
                .setEndpoints(BrokerEndpoints.newBuilder()
                        .setGrpcAddress("10.0.0.1:8081").setAdminAddress("10.0.0.1:8080").setHaAddress("10.0.0.1:10912"))
                .setRole(BrokerRole.SYNC_MASTER)
                .addTopics(TopicConfig.newBuilder()
                        .setName("orders").setReadQueueNums(8).setWriteQueueNums(8).setPerm(6)
                        .setMessageType(MessageType.FIFO))
                .addTopics(TopicConfig.newBuilder()
                        .setName("audit").setReadQueueNums(4).setWriteQueueNums(4).setPerm(4)
                        .setMessageType(MessageType.NORMAL))
                .setMaxPhysicalOffset(1L << 40)
                .setStateVersion(7)
                .setBrokerPermission(6)
                .build();

        RegisterBrokerRequest parsed = RegisterBrokerRequest.parseFrom(request.toByteArray());

        assertThat(parsed).isEqualTo(request);
        assertThat(parsed.getTopicsList()).extracting(TopicConfig::getName).containsExactly("orders", "audit");
        assertThat(parsed.getTopics(0).getMessageType()).isEqualTo(MessageType.FIFO);
        assertThat(parsed.getMaxPhysicalOffset()).isEqualTo(1L << 40);
    }

    @Test
    void topicRouteRoundTripsThroughBytes() throws InvalidProtocolBufferException {
        QueryTopicRouteResponse route = QueryTopicRouteResponse.newBuilder()
                .setFound(true)
                .addQueues(QueueData.newBuilder().setBrokerName("broker-a").setReadQueueNums(8).setWriteQueueNums(8)
                        .setPerm(6).setMessageType(MessageType.NORMAL))
                .addBrokers(BrokerData.newBuilder().setClusterName("DefaultCluster").setBrokerName("broker-a")
                        .addInstances(BrokerInstance.newBuilder()
                                .setBrokerId(0)
                                .setRole(BrokerRole.ASYNC_MASTER)
                                .setEndpoints(BrokerEndpoints.newBuilder().setGrpcAddress("10.0.0.1:8081"))
                                .setLastHeartbeat(Timestamp.newBuilder().setSeconds(1_700_000_000L))
                                .setMaxPhysicalOffset(1024)))
                .build();

        assertThat(QueryTopicRouteResponse.parseFrom(route.toByteArray())).isEqualTo(route);
    }

    @Test
    void unsetEnumsDefaultToUnspecified() {
        assertThat(RegisterBrokerRequest.getDefaultInstance().getRole()).isEqualTo(BrokerRole.BROKER_ROLE_UNSPECIFIED);
        assertThat(TopicConfig.getDefaultInstance().getMessageType()).isEqualTo(MessageType.MESSAGE_TYPE_UNSPECIFIED);
    }

    @Test
    void nameServerServiceHasFiveUnaryMethods() {
        assertThat(NameServerGrpc.getServiceDescriptor().getName()).isEqualTo("courier.namesrv.v1.NameServer");
        assertThat(NameServerGrpc.getServiceDescriptor().getMethods())
                .extracting(method -> method.getBareMethodName())
                .containsExactlyInAnyOrder("RegisterBroker", "UnregisterBroker", "QueryTopicRoute", "GetClusterInfo",
                        "ListTopics");
        assertThat(NameServerGrpc.getServiceDescriptor().getMethods())
                .allSatisfy(method -> assertThat(method.getType()).isEqualTo(io.grpc.MethodDescriptor.MethodType.UNARY));
    }
}
