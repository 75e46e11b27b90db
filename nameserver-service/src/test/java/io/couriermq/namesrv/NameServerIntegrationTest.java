package io.couriermq.namesrv;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.MessagingServiceGrpc;
import apache.rocketmq.v2.Permission;
import apache.rocketmq.v2.QueryRouteResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.couriermq.namesrv.grpc.GrpcServerLifecycle;
import io.couriermq.proto.namesrv.v1.NameServerGrpc;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteRequest;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.couriermq.namesrv.BrokerRequests.master;
import static io.couriermq.namesrv.BrokerRequests.queryRoute;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real NameServer on loopback: gRPC on a free port, HTTP on another. Spring's test support switches metrics
 * export off unless asked, hence {@code @AutoConfigureObservability}.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "courier.namesrv.grpc-port=0", "courier.namesrv.bind-address=127.0.0.1"})
@DirtiesContext
class NameServerIntegrationTest {

    @Autowired
    private GrpcServerLifecycle grpcServer;
    @Autowired
    private TestRestTemplate http;

    private ManagedChannel plaintext;
    private ManagedChannel tls;

    @BeforeEach
    void openChannels() throws Exception {
        plaintext = GrpcChannels.plaintext(grpcServer.port());
        tls = GrpcChannels.tls(grpcServer.port());
    }

    @AfterEach
    void closeChannels() throws Exception {
        GrpcChannels.close(plaintext);
        GrpcChannels.close(tls);
    }

    @Test
    void aRegisteredBrokerIsRoutedOverPlaintextAndTlsOnTheSamePort() {
        NameServerGrpc.newBlockingStub(plaintext).registerBroker(master("broker-a", "127.0.0.1:18081", "orders"));

        QueryRouteResponse overPlaintext = MessagingServiceGrpc.newBlockingStub(plaintext).queryRoute(queryRoute("orders"));
        QueryRouteResponse overTls = MessagingServiceGrpc.newBlockingStub(tls).queryRoute(queryRoute("orders"));

        assertThat(overPlaintext.getStatus().getCode()).isEqualTo(Code.OK);
        assertThat(overPlaintext.getMessageQueuesList()).hasSize(4).allSatisfy(queue -> {
            assertThat(queue.getPermission()).isEqualTo(Permission.READ_WRITE);
            assertThat(queue.getBroker().getEndpoints().getAddresses(0).getPort()).isEqualTo(18081);
        });
        assertThat(overPlaintext.getMessageQueuesList()).extracting(MessageQueue::getId).containsExactly(0, 1, 2, 3);
        assertThat(overTls).isEqualTo(overPlaintext);
        assertThat(NameServerGrpc.newBlockingStub(tls)
                .queryTopicRoute(QueryTopicRouteRequest.newBuilder().setTopic("orders").build()).getFound()).isTrue();
    }

    @Test
    void unknownAndIllegalTopicsGetTheirV2Status() {
        MessagingServiceGrpc.MessagingServiceBlockingStub client = MessagingServiceGrpc.newBlockingStub(tls);

        QueryRouteResponse unknown = client.queryRoute(queryRoute("no-such-topic"));
        QueryRouteResponse illegal = client.queryRoute(queryRoute("no such topic"));

        assertThat(unknown.getStatus().getCode()).isEqualTo(Code.TOPIC_NOT_FOUND);
        assertThat(unknown.getStatus().getCodeValue()).isEqualTo(40402);
        assertThat(unknown.getStatus().getMessage()).contains("no-such-topic");
        assertThat(illegal.getStatus().getCode()).isEqualTo(Code.ILLEGAL_TOPIC);
    }

    @Test
    void restShowsClustersBrokersTopicsAndRoutes() {
        NameServerGrpc.newBlockingStub(plaintext).registerBroker(master("broker-rest", "127.0.0.1:18082", "rest-topic"));

        JsonNode clusters = http.getForObject("/api/clusters", JsonNode.class);
        JsonNode brokers = http.getForObject("/api/brokers", JsonNode.class);
        JsonNode topics = http.getForObject("/api/topics", JsonNode.class);
        JsonNode route = http.getForObject("/api/topics/rest-topic/route", JsonNode.class);
        ResponseEntity<JsonNode> missing = http.getForEntity("/api/topics/no-such-topic/route", JsonNode.class);

        assertThat(texts(clusters.get(BrokerRequests.CLUSTER))).contains("broker-rest");
        assertThat(brokers).anySatisfy(broker -> {
            assertThat(broker.get("brokerName").asText()).isEqualTo("broker-rest");
            assertThat(broker.get("brokerId").asLong()).isZero();
            assertThat(broker.get("role").asText()).isEqualTo("SYNC_MASTER");
            assertThat(broker.get("grpcAddress").asText()).isEqualTo("127.0.0.1:18082");
            assertThat(broker.get("maxPhysicalOffset").asLong()).isEqualTo(4096);
            assertThat(Instant.parse(broker.get("lastHeartbeat").asText())).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(texts(topics)).contains("rest-topic");
        assertThat(route.get("topic").asText()).isEqualTo("rest-topic");
        assertThat(route.get("queues")).hasSize(1);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(missing.getBody().get("status").asInt()).isEqualTo(404);
        assertThat(missing.getBody().get("detail").asText()).contains("no-such-topic");
    }

    @Test
    void actuatorReportsHealthAndPrometheusMetrics() {
        NameServerGrpc.newBlockingStub(plaintext).registerBroker(master("broker-m", "127.0.0.1:18083", "m-topic"));
        MessagingServiceGrpc.newBlockingStub(plaintext).queryRoute(queryRoute("m-topic"));
        MessagingServiceGrpc.newBlockingStub(plaintext).queryRoute(queryRoute("m-missing"));

        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);
        String prometheus = http.getForObject("/actuator/prometheus", String.class);

        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode grpc = health.get("components").get("grpc");
        assertThat(grpc.get("status").asText()).isEqualTo("UP");
        assertThat(grpc.get("details").get("liveBrokers").asInt()).isPositive();
        assertThat(grpc.get("details").get("port").asInt()).isEqualTo(grpcServer.port());
        assertThat(prometheus)
                .containsPattern("courier_namesrv_brokers\\{cluster=\"DefaultCluster\",role=\"sync_master\"} [1-9]")
                .containsPattern("courier_namesrv_route_queries_total\\{result=\"found\"} [1-9]")
                .containsPattern("courier_namesrv_route_queries_total\\{result=\"not_found\"} [1-9]")
                .containsPattern("courier_namesrv_registrations_total [1-9]");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
