package io.couriermq.namesrv.grpc;

import io.couriermq.namesrv.route.BrokerKey;
import io.couriermq.namesrv.route.BrokerRegistration;
import io.couriermq.namesrv.route.RegisteredTopic;
import io.couriermq.proto.namesrv.v1.BrokerIdentity;
import io.couriermq.proto.namesrv.v1.RegisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.TopicConfig;
import io.couriermq.server.route.RouteProtos;

import java.util.List;

/** Reads the NameServer protocol's broker messages into route-table types; invalid input throws IllegalArgumentException. */
final class BrokerRegistrations {

    private BrokerRegistrations() {
    }

    static BrokerRegistration fromProto(RegisterBrokerRequest request) {
        List<RegisteredTopic> topics = request.getTopicsList().stream().map(BrokerRegistrations::fromProto).toList();
        return new BrokerRegistration(key(request.getIdentity()), RouteProtos.fromProto(request.getRole()),
                request.getEndpoints().getGrpcAddress(), request.getEndpoints().getAdminAddress(),
                request.getEndpoints().getHaAddress(), BrokerRegistration.byName(topics),
                request.getMaxPhysicalOffset(), request.getStateVersion(), request.getBrokerPermission(),
                request.getAutoCreateTopics(), request.getDefaultTopicQueueNums());
    }

    static BrokerKey key(BrokerIdentity identity) {
        return new BrokerKey(identity.getClusterName(), identity.getBrokerName(), identity.getBrokerId());
    }

    private static RegisteredTopic fromProto(TopicConfig topic) {
        return new RegisteredTopic(topic.getName(), topic.getReadQueueNums(), topic.getWriteQueueNums(),
                topic.getPerm(), RouteProtos.fromProto(topic.getMessageType()));
    }
}
