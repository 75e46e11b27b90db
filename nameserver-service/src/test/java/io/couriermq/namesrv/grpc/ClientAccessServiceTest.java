package io.couriermq.namesrv.grpc;

import apache.rocketmq.v2.AckMessageRequest;
import apache.rocketmq.v2.AckMessageResponse;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.HeartbeatRequest;
import apache.rocketmq.v2.HeartbeatResponse;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.NotifyClientTerminationRequest;
import apache.rocketmq.v2.NotifyClientTerminationResponse;
import apache.rocketmq.v2.Permission;
import apache.rocketmq.v2.QueryAssignmentRequest;
import apache.rocketmq.v2.QueryAssignmentResponse;
import apache.rocketmq.v2.QueryRouteRequest;
import apache.rocketmq.v2.QueryRouteResponse;
import apache.rocketmq.v2.ReceiveMessageRequest;
import apache.rocketmq.v2.ReceiveMessageResponse;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SendMessageResponse;
import apache.rocketmq.v2.TelemetryCommand;
import io.couriermq.namesrv.MutableClock;
import io.couriermq.namesrv.metrics.NameServerMetrics;
import io.couriermq.namesrv.route.RegisteredTopic;
import io.couriermq.namesrv.route.RouteTable;
import io.couriermq.server.route.BrokerRole;
import io.couriermq.server.route.PermBits;
import io.couriermq.server.route.RouteMessageType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.couriermq.namesrv.route.Registrations.broker;
import static io.couriermq.namesrv.route.Registrations.master;
import static io.couriermq.namesrv.route.Registrations.slave;
import static io.couriermq.namesrv.route.Registrations.topic;
import static org.assertj.core.api.Assertions.assertThat;

class ClientAccessServiceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RouteTable table =
            new RouteTable(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")), Duration.ofSeconds(30));
    private final ClientAccessService service = new ClientAccessService(table, new NameServerMetrics(registry, table));

    @Test
    void queryRouteAnswersTheMastersQueuesInTheV2Shape() {
        table.register(master("broker-a", topic("orders", 2)));
        table.register(slave("broker-a", 1, topic("orders", 2)));
        table.register(master("broker-b", topic("orders", 1)));

        QueryRouteResponse response = queryRoute("orders");

        assertThat(response.getStatus().getCode()).isEqualTo(Code.OK);
        assertThat(response.getMessageQueuesList())
                .extracting(queue -> queue.getBroker().getName() + "/" + queue.getBroker().getId() + "/" + queue.getId())
                .containsExactly("broker-a/0/0", "broker-a/0/1", "broker-b/0/0");
        assertThat(response.getMessageQueuesList()).allSatisfy(queue -> {
            assertThat(queue.getTopic().getName()).isEqualTo("orders");
            assertThat(queue.getTopic().getResourceNamespace()).isEqualTo("ns");
            assertThat(queue.getPermission()).isEqualTo(Permission.READ_WRITE);
        });
        assertThat(registry.counter("courier.namesrv.route.queries", "result", "found").count()).isEqualTo(1);
    }

    @Test
    void anUnknownTopicIsTopicNotFoundWithAMessage() {
        QueryRouteResponse response = queryRoute("missing");

        assertThat(response.getStatus().getCode()).isEqualTo(Code.TOPIC_NOT_FOUND);
        assertThat(response.getStatus().getMessage()).contains("missing");
        assertThat(response.getMessageQueuesList()).isEmpty();
        assertThat(registry.counter("courier.namesrv.route.queries", "result", "not_found").count()).isEqualTo(1);
    }

    @Test
    void anIllegalTopicNameIsIllegalTopic() {
        QueryRouteResponse response = queryRoute("bad topic!");

        assertThat(response.getStatus().getCode()).isEqualTo(Code.ILLEGAL_TOPIC);
        assertThat(response.getStatus().getMessage()).contains("'bad topic!'");
    }

    @Test
    void queryAssignmentGivesOneAnyQueueAssignmentPerReadableMaster() {
        table.register(master("broker-a", topic("orders", 4)));
        table.register(master("broker-b", topic("orders", 4)));
        table.register(broker("broker-c", 0, BrokerRole.SYNC_MASTER, 1, false, List.of(
                new RegisteredTopic("orders", 4, 4, PermBits.WRITE, RouteMessageType.NORMAL))));

        QueryAssignmentResponse response = queryAssignment("orders");

        assertThat(response.getStatus().getCode()).isEqualTo(Code.OK);
        assertThat(response.getAssignmentsList()).extracting(assignment -> assignment.getMessageQueue())
                .extracting(queue -> queue.getBroker().getName(), MessageQueue::getId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("broker-a", -1),
                        org.assertj.core.groups.Tuple.tuple("broker-b", -1));
    }

    @Test
    void queryAssignmentWithoutReadableQueueIsForbidden() {
        table.register(broker("broker-a", 0, BrokerRole.SYNC_MASTER, 1, false, List.of(
                new RegisteredTopic("orders", 4, 4, PermBits.WRITE, RouteMessageType.NORMAL))));

        assertThat(queryAssignment("orders").getStatus().getCode()).isEqualTo(Code.FORBIDDEN);
        assertThat(queryAssignment("missing").getStatus().getCode()).isEqualTo(Code.TOPIC_NOT_FOUND);
        assertThat(queryAssignment("").getStatus().getCode()).isEqualTo(Code.ILLEGAL_TOPIC);
    }

    @Test
    void heartbeatAndTerminationAreAcknowledged() {
        RecordingObserver<HeartbeatResponse> heartbeat = new RecordingObserver<>();
        service.heartbeat(HeartbeatRequest.getDefaultInstance(), heartbeat);
        RecordingObserver<NotifyClientTerminationResponse> termination = new RecordingObserver<>();
        service.notifyClientTermination(NotifyClientTerminationRequest.getDefaultInstance(), termination);

        assertThat(heartbeat.single().getStatus().getCode()).isEqualTo(Code.OK);
        assertThat(termination.single().getStatus().getCode()).isEqualTo(Code.OK);
    }

    @Test
    void brokerRpcsAnswerUnsupportedInTheirOwnResponseType() {
        RecordingObserver<SendMessageResponse> send = new RecordingObserver<>();
        service.sendMessage(SendMessageRequest.getDefaultInstance(), send);
        RecordingObserver<AckMessageResponse> ack = new RecordingObserver<>();
        service.ackMessage(AckMessageRequest.getDefaultInstance(), ack);
        RecordingObserver<ReceiveMessageResponse> receive = new RecordingObserver<>();
        service.receiveMessage(ReceiveMessageRequest.getDefaultInstance(), receive);

        assertThat(send.single().getStatus().getCode()).isEqualTo(Code.UNSUPPORTED);
        assertThat(send.single().getStatus().getMessage()).contains("SendMessage", "NameServer");
        assertThat(ack.single().getStatus().getCode()).isEqualTo(Code.UNSUPPORTED);
        assertThat(receive.single().getStatus().getCode()).isEqualTo(Code.UNSUPPORTED);
    }

    @Test
    void telemetryAnswersUnsupportedAndCompletes() {
        RecordingObserver<TelemetryCommand> telemetry = new RecordingObserver<>();

        service.telemetry(telemetry).onNext(TelemetryCommand.getDefaultInstance());

        assertThat(telemetry.single().getStatus().getCode()).isEqualTo(Code.UNSUPPORTED);
    }

    private QueryRouteResponse queryRoute(String topic) {
        RecordingObserver<QueryRouteResponse> observer = new RecordingObserver<>();
        service.queryRoute(QueryRouteRequest.newBuilder().setTopic(resource(topic)).build(), observer);
        return observer.single();
    }

    private QueryAssignmentResponse queryAssignment(String topic) {
        RecordingObserver<QueryAssignmentResponse> observer = new RecordingObserver<>();
        service.queryAssignment(QueryAssignmentRequest.newBuilder().setTopic(resource(topic))
                .setGroup(resource("group")).build(), observer);
        return observer.single();
    }

    private static Resource resource(String name) {
        return Resource.newBuilder().setResourceNamespace("ns").setName(name).build();
    }
}
