package io.couriermq.namesrv.grpc;

import io.couriermq.namesrv.MutableClock;
import io.couriermq.namesrv.metrics.NameServerMetrics;
import io.couriermq.namesrv.route.RouteTable;
import io.couriermq.proto.namesrv.v1.BrokerEndpoints;
import io.couriermq.proto.namesrv.v1.BrokerIdentity;
import io.couriermq.proto.namesrv.v1.BrokerRole;
import io.couriermq.proto.namesrv.v1.GetClusterInfoRequest;
import io.couriermq.proto.namesrv.v1.GetClusterInfoResponse;
import io.couriermq.proto.namesrv.v1.MessageType;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteRequest;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import io.couriermq.proto.namesrv.v1.RegisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.RegisterBrokerResponse;
import io.couriermq.proto.namesrv.v1.TopicConfig;
import io.couriermq.proto.namesrv.v1.UnregisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.UnregisterBrokerResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NameServerGrpcServiceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RouteTable table =
            new RouteTable(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")), Duration.ofSeconds(30));
    private final NameServerGrpcService service =
            new NameServerGrpcService(table, new NameServerMetrics(registry, table));

    @Test
    void aSlaveLearnsItsMastersAddressesOnceTheMasterIsRegistered() {
        RegisterBrokerResponse before = register(request(1, BrokerRole.SLAVE, "10.0.0.2")).single();
        RegisterBrokerResponse master = register(request(0, BrokerRole.SYNC_MASTER, "10.0.0.1")).single();
        RegisterBrokerResponse after = register(request(1, BrokerRole.SLAVE, "10.0.0.2")).single();

        assertThat(before.getMasterHaAddress()).isEmpty();
        assertThat(master).isEqualTo(RegisterBrokerResponse.getDefaultInstance());
        assertThat(after.getMasterHaAddress()).isEqualTo("10.0.0.1:10912");
        assertThat(after.getMasterGrpcAddress()).isEqualTo("10.0.0.1:8081");
        assertThat(after.getMasterAdminAddress()).isEqualTo("10.0.0.1:8080");
        assertThat(registry.counter("courier.namesrv.registrations").count()).isEqualTo(3);
        assertThat(registry.get("courier.namesrv.brokers").tags("cluster", "c1", "role", "slave").gauge().value())
                .isEqualTo(1);
    }

    @Test
    void registeredTopicsAreRoutedAndUnregisteringRemovesThem() {
        register(request(0, BrokerRole.SYNC_MASTER, "10.0.0.1")).single();

        QueryTopicRouteResponse route = queryRoute("orders");
        assertThat(route.getFound()).isTrue();
        assertThat(route.getQueues(0).getMessageType()).isEqualTo(MessageType.FIFO);
        assertThat(route.getBrokers(0).getInstances(0).getEndpoints().getGrpcAddress()).isEqualTo("10.0.0.1:8081");

        RecordingObserver<GetClusterInfoResponse> info = new RecordingObserver<>();
        service.getClusterInfo(GetClusterInfoRequest.getDefaultInstance(), info);
        assertThat(info.single().getClusters(0).getBrokerNamesList()).containsExactly("broker-a");

        RecordingObserver<UnregisterBrokerResponse> unregister = new RecordingObserver<>();
        service.unregisterBroker(UnregisterBrokerRequest.newBuilder().setIdentity(identity(0)).build(), unregister);
        unregister.single();
        assertThat(queryRoute("orders").getFound()).isFalse();
    }

    @Test
    void anInvalidRegistrationFailsWithInvalidArgumentNamingTheProblem() {
        RecordingObserver<RegisterBrokerResponse> observer =
                register(request(0, BrokerRole.SLAVE, "10.0.0.1"));

        assertThat(observer.error).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains("SLAVE must have broker id above 0");
        });
        assertThat(table.brokers()).isEmpty();
    }

    private RecordingObserver<RegisterBrokerResponse> register(RegisterBrokerRequest request) {
        RecordingObserver<RegisterBrokerResponse> observer = new RecordingObserver<>();
        service.registerBroker(request, observer);
        return observer;
    }

    private QueryTopicRouteResponse queryRoute(String topic) {
        RecordingObserver<QueryTopicRouteResponse> observer = new RecordingObserver<>();
        service.queryTopicRoute(QueryTopicRouteRequest.newBuilder().setTopic(topic).build(), observer);
        return observer.single();
    }

    private static BrokerIdentity identity(long brokerId) {
        return BrokerIdentity.newBuilder().setClusterName("c1").setBrokerName("broker-a").setBrokerId(brokerId).build();
    }

    private static RegisterBrokerRequest request(long brokerId, BrokerRole role, String host) {
        return RegisterBrokerRequest.newBuilder()
                .setIdentity(identity(brokerId))
                .setEndpoints(BrokerEndpoints.newBuilder().setGrpcAddress(host + ":8081")
                        .setAdminAddress(host + ":8080").setHaAddress(host + ":10912"))
                .setRole(role)
                .addTopics(TopicConfig.newBuilder().setName("orders").setReadQueueNums(4).setWriteQueueNums(4)
                        .setPerm(6).setMessageType(MessageType.FIFO))
                .setBrokerPermission(6)
                .setStateVersion(1)
                .build();
    }
}
