package io.couriermq.namesrv;

import apache.rocketmq.v2.QueryRouteRequest;
import apache.rocketmq.v2.Resource;
import io.couriermq.proto.namesrv.v1.BrokerEndpoints;
import io.couriermq.proto.namesrv.v1.BrokerIdentity;
import io.couriermq.proto.namesrv.v1.BrokerRole;
import io.couriermq.proto.namesrv.v1.MessageType;
import io.couriermq.proto.namesrv.v1.RegisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.TopicConfig;

/** Requests for integration tests: a master broker registering topics, a client asking for a route. */
public final class BrokerRequests {

    public static final String CLUSTER = "DefaultCluster";

    private BrokerRequests() {
    }

    public static RegisterBrokerRequest master(String brokerName, String grpcAddress, String... topics) {
        RegisterBrokerRequest.Builder request = RegisterBrokerRequest.newBuilder()
                .setIdentity(BrokerIdentity.newBuilder().setClusterName(CLUSTER).setBrokerName(brokerName))
                .setEndpoints(BrokerEndpoints.newBuilder().setGrpcAddress(grpcAddress)
                        .setAdminAddress("127.0.0.1:8080").setHaAddress("127.0.0.1:10912"))
                .setRole(BrokerRole.SYNC_MASTER)
                .setBrokerPermission(6)
                .setStateVersion(1)
                .setMaxPhysicalOffset(4096);
        for (String topic : topics) {
            request.addTopics(TopicConfig.newBuilder().setName(topic).setReadQueueNums(4).setWriteQueueNums(4)
                    .setPerm(6).setMessageType(MessageType.NORMAL));
        }
        return request.build();
    }

    public static QueryRouteRequest queryRoute(String topic) {
        return QueryRouteRequest.newBuilder().setTopic(Resource.newBuilder().setName(topic)).build();
    }
}
