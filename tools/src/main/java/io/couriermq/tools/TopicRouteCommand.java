package io.couriermq.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.couriermq.proto.namesrv.v1.BrokerData;
import io.couriermq.proto.namesrv.v1.BrokerInstance;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import io.couriermq.proto.namesrv.v1.QueueData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Comparator;

@Command(name = "topicRoute", description = "Print a topic's route (brokers and queues) as JSON.")
final class TopicRouteCommand extends AdminCommand {

    /** RocketMQ's QueueData.topicSysFlag marks unit (multi-region) topics; Courier has none. */
    private static final int NO_SYS_FLAG = 0;

    @Option(names = "-t", required = true, paramLabel = "<topic>", description = "topic name")
    String topic;

    @Override
    void run() {
        out().println(toRocketMqJson(nameServer().requireRoute(topic), new ObjectMapper()).toPrettyString());
    }

    /**
     * The route in RocketMQ's TopicRouteData layout, so scripts that read {@code brokerDatas[].brokerAddrs} and
     * {@code queueDatas[]} keep working: broker addresses keyed by broker id, queues per broker name.
     */
    static ObjectNode toRocketMqJson(QueryTopicRouteResponse route, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ArrayNode brokerDatas = root.putArray("brokerDatas");
        route.getBrokersList().stream().sorted(Comparator.comparing(BrokerData::getBrokerName)).forEach(group -> {
            ObjectNode brokerData = brokerDatas.addObject();
            ObjectNode addresses = brokerData.putObject("brokerAddrs");
            group.getInstancesList().stream().sorted(Comparator.comparingLong(BrokerInstance::getBrokerId))
                    .forEach(i -> addresses.put(String.valueOf(i.getBrokerId()), i.getEndpoints().getGrpcAddress()));
            brokerData.put("brokerName", group.getBrokerName());
            brokerData.put("cluster", group.getClusterName());
        });
        ArrayNode queueDatas = root.putArray("queueDatas");
        route.getQueuesList().stream().sorted(Comparator.comparing(QueueData::getBrokerName)).forEach(queues -> {
            ObjectNode queueData = queueDatas.addObject();
            queueData.put("brokerName", queues.getBrokerName());
            queueData.put("perm", queues.getPerm());
            queueData.put("readQueueNums", queues.getReadQueueNums());
            queueData.put("topicSysFlag", NO_SYS_FLAG);
            queueData.put("writeQueueNums", queues.getWriteQueueNums());
        });
        return root;
    }
}
