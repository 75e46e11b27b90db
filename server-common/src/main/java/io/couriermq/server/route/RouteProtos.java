package io.couriermq.server.route;

import com.google.protobuf.Timestamp;
import io.couriermq.proto.namesrv.v1.BrokerData;
import io.couriermq.proto.namesrv.v1.BrokerEndpoints;
import io.couriermq.proto.namesrv.v1.MessageType;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;

import java.time.Instant;
import java.util.List;

/**
 * Converts routes between the model and the NameServer protocol ({@code courier.namesrv.v1}), in both directions:
 * the NameServer answers QueryTopicRoute with {@link #toProto}, a broker reads the answer with {@link #fromProto}.
 *
 * <p>The protocol has no per-instance broker permission, so {@link #toProto} folds the permission of the instance
 * serving the group (its master, or a slave acting for it) into each
 * {@code QueueData.perm}, and {@link #fromProto} gives every instance {@link PermBits#READ_WRITE}: the permission a
 * queue ends up with is the same on both sides.
 */
public final class RouteProtos {

    private RouteProtos() {
    }

    public static QueryTopicRouteResponse toProto(TopicRoute route) {
        QueryTopicRouteResponse.Builder response = QueryTopicRouteResponse.newBuilder().setFound(true);
        for (QueueData data : route.queues()) {
            int brokerPermission = route.group(data.brokerName()).flatMap(BrokerGroup::servingInstance)
                    .map(BrokerInstance::permission).orElse(PermBits.READ_WRITE);
            response.addQueues(io.couriermq.proto.namesrv.v1.QueueData.newBuilder()
                    .setBrokerName(data.brokerName())
                    .setReadQueueNums(data.readQueueNums())
                    .setWriteQueueNums(data.writeQueueNums())
                    .setPerm(data.perm() & brokerPermission)
                    .setMessageType(toProto(data.messageType())));
        }
        route.brokers().forEach(group -> response.addBrokers(toProto(group)));
        return response.build();
    }

    public static TopicRoute fromProto(String topic, QueryTopicRouteResponse response) {
        List<QueueData> queues = response.getQueuesList().stream()
                .map(data -> new QueueData(data.getBrokerName(), data.getReadQueueNums(), data.getWriteQueueNums(),
                        data.getPerm(), fromProto(data.getMessageType())))
                .toList();
        List<BrokerGroup> groups = response.getBrokersList().stream().map(RouteProtos::fromProto).toList();
        return new TopicRoute(topic, queues, groups);
    }

    public static BrokerData toProto(BrokerGroup group) {
        BrokerData.Builder data = BrokerData.newBuilder()
                .setClusterName(group.cluster()).setBrokerName(group.brokerName());
        for (BrokerInstance instance : group.instances()) {
            data.addInstances(io.couriermq.proto.namesrv.v1.BrokerInstance.newBuilder()
                    .setBrokerId(instance.brokerId())
                    .setEndpoints(BrokerEndpoints.newBuilder().setGrpcAddress(instance.grpcAddress())
                            .setAdminAddress(instance.adminAddress()).setHaAddress(instance.haAddress()))
                    .setRole(toProto(instance.role()))
                    .setLastHeartbeat(toProto(instance.lastHeartbeat()))
                    .setMaxPhysicalOffset(instance.maxPhysicalOffset()));
        }
        return data.build();
    }

    public static BrokerGroup fromProto(BrokerData data) {
        List<BrokerInstance> instances = data.getInstancesList().stream()
                .map(instance -> new BrokerInstance(instance.getBrokerId(), fromProto(instance.getRole()),
                        instance.getEndpoints().getGrpcAddress(), instance.getEndpoints().getAdminAddress(),
                        instance.getEndpoints().getHaAddress(), PermBits.READ_WRITE,
                        fromProto(instance.getLastHeartbeat()), instance.getMaxPhysicalOffset()))
                .toList();
        return new BrokerGroup(data.getClusterName(), data.getBrokerName(), instances);
    }

    public static io.couriermq.proto.namesrv.v1.BrokerRole toProto(BrokerRole role) {
        return switch (role) {
            case ASYNC_MASTER -> io.couriermq.proto.namesrv.v1.BrokerRole.ASYNC_MASTER;
            case SYNC_MASTER -> io.couriermq.proto.namesrv.v1.BrokerRole.SYNC_MASTER;
            case SLAVE -> io.couriermq.proto.namesrv.v1.BrokerRole.SLAVE;
        };
    }

    /** The role; throws IllegalArgumentException for an unspecified or unknown role. */
    public static BrokerRole fromProto(io.couriermq.proto.namesrv.v1.BrokerRole role) {
        return switch (role) {
            case ASYNC_MASTER -> BrokerRole.ASYNC_MASTER;
            case SYNC_MASTER -> BrokerRole.SYNC_MASTER;
            case SLAVE -> BrokerRole.SLAVE;
            case BROKER_ROLE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException(
                    "broker role must be ASYNC_MASTER, SYNC_MASTER or SLAVE, was " + role);
        };
    }

    public static MessageType toProto(RouteMessageType type) {
        return switch (type) {
            case NORMAL -> MessageType.NORMAL;
            case FIFO -> MessageType.FIFO;
            case DELAY -> MessageType.DELAY;
            case TRANSACTION -> MessageType.TRANSACTION;
            case MIXED -> MessageType.MIXED;
        };
    }

    /**
     * The type; unspecified counts as NORMAL (Apache's default for topics without a type), and so does a value this
     * build does not know, so that a newer broker is still routed.
     */
    public static RouteMessageType fromProto(MessageType type) {
        return switch (type) {
            case FIFO -> RouteMessageType.FIFO;
            case DELAY -> RouteMessageType.DELAY;
            case TRANSACTION -> RouteMessageType.TRANSACTION;
            case MIXED -> RouteMessageType.MIXED;
            case NORMAL, MESSAGE_TYPE_UNSPECIFIED, UNRECOGNIZED -> RouteMessageType.NORMAL;
        };
    }

    private static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Instant fromProto(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
