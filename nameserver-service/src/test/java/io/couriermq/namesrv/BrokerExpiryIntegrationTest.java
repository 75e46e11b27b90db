package io.couriermq.namesrv;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.MessagingServiceGrpc;
import io.couriermq.namesrv.grpc.GrpcServerLifecycle;
import io.couriermq.proto.namesrv.v1.ListTopicsRequest;
import io.couriermq.proto.namesrv.v1.NameServerGrpc;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;

import static io.couriermq.namesrv.BrokerRequests.master;
import static io.couriermq.namesrv.BrokerRequests.queryRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A NameServer with a short broker expiry: the scheduled scan removes silent brokers and keeps heartbeating ones. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "courier.namesrv.grpc-port=0", "courier.namesrv.bind-address=127.0.0.1",
        "courier.namesrv.broker-expiry=2s", "courier.namesrv.expiry-scan-interval=100ms"})
@DirtiesContext
class BrokerExpiryIntegrationTest {

    @Autowired
    private GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = GrpcChannels.plaintext(grpcServer.port());
    }

    @AfterEach
    void closeChannel() throws Exception {
        GrpcChannels.close(channel);
    }

    @Test
    void aSilentBrokerLeavesTheRoutesWhileAHeartbeatingOneStays() {
        NameServerGrpc.NameServerBlockingStub brokers = NameServerGrpc.newBlockingStub(channel);
        MessagingServiceGrpc.MessagingServiceBlockingStub client = MessagingServiceGrpc.newBlockingStub(channel);
        brokers.registerBroker(master("silent", "127.0.0.1:18091", "silent-topic"));
        brokers.registerBroker(master("alive", "127.0.0.1:18092", "alive-topic"));
        assertThat(client.queryRoute(queryRoute("silent-topic")).getStatus().getCode()).isEqualTo(Code.OK);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            brokers.registerBroker(master("alive", "127.0.0.1:18092", "alive-topic"));
            return client.queryRoute(queryRoute("silent-topic")).getStatus().getCode() == Code.TOPIC_NOT_FOUND;
        });

        assertThat(client.queryRoute(queryRoute("alive-topic")).getStatus().getCode()).isEqualTo(Code.OK);
        assertThat(brokers.listTopics(ListTopicsRequest.getDefaultInstance()).getTopicsList())
                .containsExactly("alive-topic");
    }
}
