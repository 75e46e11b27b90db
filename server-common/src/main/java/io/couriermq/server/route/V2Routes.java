package io.couriermq.server.route;

import apache.rocketmq.v2.Address;
import apache.rocketmq.v2.AddressScheme;
import apache.rocketmq.v2.Broker;
import apache.rocketmq.v2.Endpoints;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.Permission;
import apache.rocketmq.v2.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link TopicRoute} into the {@code MessageQueue}s of a RocketMQ v2 QueryRoute or QueryAssignment answer.
 *
 * <p>The official 5.x clients reject a whole route if one entry carries {@code PERMISSION_UNSPECIFIED} or a message
 * type other than NORMAL, FIFO, DELAY and TRANSACTION, so neither is ever emitted. Clients use only queues on
 * broker id 0, so each broker group offers its queues through one instance named as id 0: its master, or, while
 * the master is gone, its slave with the lowest id, read-only. That is RocketMQ 5's slave-acting-master for the v2
 * consumption calls: what reached the slave stays consumable, and producers, finding no writable queue in the
 * group, send to the other groups.
 */
public final class V2Routes {

    /** QueryAssignment's "any queue on this broker": the broker picks the queue (Apache's non-FIFO answer). */
    public static final int ANY_QUEUE = -1;

    private static final List<MessageType> ALL_TYPES =
            List.of(MessageType.NORMAL, MessageType.FIFO, MessageType.DELAY, MessageType.TRANSACTION);

    private V2Routes() {
    }

    /**
     * One queue per queue id of each master, ids 0 to max(read, write) - 1. A queue is readable if its id is below
     * the read count, writable if below the write count, and in both cases only if the topic and the broker allow it.
     */
    public static List<MessageQueue> messageQueues(Resource topic, TopicRoute route) {
        List<MessageQueue> queues = new ArrayList<>();
        for (QueueData data : route.queues()) {
            Optional<BrokerInstance> serving = servingInstance(route, data);
            if (serving.isEmpty()) {
                continue;
            }
            int allowed = data.perm() & permission(serving.get());
            MessageQueue.Builder template = queueTemplate(topic, data, serving.get());
            int count = Math.max(data.readQueueNums(), data.writeQueueNums());
            for (int id = 0; id < count; id++) {
                boolean readable = id < data.readQueueNums() && PermBits.isReadable(allowed);
                boolean writable = id < data.writeQueueNums() && PermBits.isWritable(allowed);
                queues.add(template.setId(id).setPermission(permission(readable, writable)).build());
            }
        }
        return queues;
    }

    /**
     * One queue per broker group that can be read from (through its master, or a slave acting for it), with id
     * {@link #ANY_QUEUE}. Empty if none can: the caller then answers FORBIDDEN, as Apache does.
     */
    public static List<MessageQueue> assignmentQueues(Resource topic, TopicRoute route) {
        List<MessageQueue> queues = new ArrayList<>();
        for (QueueData data : route.queues()) {
            Optional<BrokerInstance> serving = servingInstance(route, data);
            int allowed = serving.map(instance -> data.perm() & permission(instance)).orElse(0);
            if (serving.isEmpty() || data.readQueueNums() <= 0 || !PermBits.isReadable(allowed)) {
                continue;
            }
            boolean writable = data.writeQueueNums() > 0 && PermBits.isWritable(allowed);
            queues.add(queueTemplate(topic, data, serving.get())
                    .setId(ANY_QUEUE).setPermission(permission(true, writable)).build());
        }
        return queues;
    }

    /** The v2 endpoints of a "host:port" address: exactly one address, with the scheme its host calls for. */
    public static Endpoints endpoints(String hostAndPort) {
        BrokerAddress address = BrokerAddress.parse(hostAndPort);
        AddressScheme scheme = switch (address.kind()) {
            case IPV4 -> AddressScheme.IPv4;
            case IPV6 -> AddressScheme.IPv6;
            case DOMAIN_NAME -> AddressScheme.DOMAIN_NAME;
        };
        return Endpoints.newBuilder().setScheme(scheme)
                .addAddresses(Address.newBuilder().setHost(address.host()).setPort(address.port()))
                .build();
    }

    /** The v2 message types a topic of this type accepts. */
    public static List<MessageType> acceptedTypes(RouteMessageType type) {
        return switch (type) {
            case NORMAL -> List.of(MessageType.NORMAL);
            case FIFO -> List.of(MessageType.FIFO);
            case DELAY -> List.of(MessageType.DELAY);
            case TRANSACTION -> List.of(MessageType.TRANSACTION);
            case MIXED -> ALL_TYPES;
        };
    }

    static Permission permission(boolean readable, boolean writable) {
        if (readable && writable) {
            return Permission.READ_WRITE;
        }
        if (readable) {
            return Permission.READ;
        }
        return writable ? Permission.WRITE : Permission.NONE;
    }

    /** The group's master, else its slave with the lowest id, else nothing. */
    private static Optional<BrokerInstance> servingInstance(TopicRoute route, QueueData data) {
        return route.group(data.brokerName()).flatMap(BrokerGroup::servingInstance);
    }

    /** A slave serves reads only, whatever it registered. */
    private static int permission(BrokerInstance instance) {
        return instance.isMaster() ? instance.permission() : instance.permission() & PermBits.READ;
    }

    /** Named as broker id 0 even when a slave serves: the clients use no other id. */
    private static MessageQueue.Builder queueTemplate(Resource topic, QueueData data, BrokerInstance serving) {
        Broker broker = Broker.newBuilder().setName(data.brokerName()).setId((int) BrokerInstance.MASTER_ID)
                .setEndpoints(endpoints(serving.grpcAddress())).build();
        return MessageQueue.newBuilder().setTopic(topic).setBroker(broker)
                .addAllAcceptMessageTypes(acceptedTypes(data.messageType()));
    }
}
