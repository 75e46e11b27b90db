package io.couriermq.compat;

import apache.rocketmq.v2.AckMessageEntry;
import apache.rocketmq.v2.AckMessageRequest;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.EndTransactionRequest;
import apache.rocketmq.v2.FilterExpression;
import apache.rocketmq.v2.FilterType;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.MessageQueue;
import apache.rocketmq.v2.MessageType;
import apache.rocketmq.v2.QueryRouteRequest;
import apache.rocketmq.v2.ReceiveMessageRequest;
import apache.rocketmq.v2.ReceiveMessageResponse;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.SendResultEntry;
import apache.rocketmq.v2.TransactionResolution;
import apache.rocketmq.v2.TransactionSource;
import io.couriermq.testing.TestCluster;
import org.apache.rocketmq.shaded.com.google.protobuf.util.Durations;
import org.apache.rocketmq.shaded.com.google.protobuf.util.Timestamps;
import org.apache.rocketmq.shaded.io.grpc.Context;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input gets the v2 status code that names it, and the broker keeps serving. The official client checks much
 * of this before sending, so these requests go through the raw v2 stubs bundled in the official client's jar.
 */
class BadInputStatusTest {

    @TempDir
    static Path workDir;

    private static TestCluster cluster;
    private static RawV2 broker;
    private static RawV2 nameServer;

    @BeforeAll
    static void start() {
        cluster = TestCluster.builder(workDir).start();
        ClusterAdmin.createTopic(cluster, "Known", 2, "NORMAL");
        broker = new RawV2(cluster.broker(0).grpcAddress());
        nameServer = new RawV2(cluster.nameServerAddress());
    }

    @AfterAll
    static void stop() {
        for (RawV2 channel : new RawV2[] {broker, nameServer}) {
            if (channel != null) {
                channel.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Code sendStatus(Message message) {
        return broker.sendStatus(message);
    }

    private static Message.Builder message(String topic, int bodyBytes) {
        return RawV2.message(topic, bodyBytes);
    }

    @Test
    void sendsThatBreakTheRulesGetTheirCodes() {
        assertThat(sendStatus(message("Known", 4 * 1024 * 1024 + 1).build())).isEqualTo(Code.MESSAGE_BODY_TOO_LARGE);
        assertThat(sendStatus(message("Known", 0).build())).isEqualTo(Code.MESSAGE_BODY_EMPTY);
        assertThat(sendStatus(message("Nowhere", 10).build())).isEqualTo(Code.TOPIC_NOT_FOUND);
        assertThat(sendStatus(message("bad topic!", 10).build())).isEqualTo(Code.ILLEGAL_TOPIC);
        assertThat(sendStatus(message("rmq_sys_internal", 10).build())).isEqualTo(Code.ILLEGAL_TOPIC);
        Message.Builder badTag = message("Known", 10);
        badTag.getSystemPropertiesBuilder().setTag("a|b");
        assertThat(sendStatus(badTag.build())).isEqualTo(Code.ILLEGAL_MESSAGE_TAG);
        assertThat(sendStatus(message("Known", 10).putUserProperties("TAGS", "sneaky").build()))
                .isEqualTo(Code.ILLEGAL_MESSAGE_PROPERTY_KEY);
        Message.Builder fifo = message("Known", 10);
        fifo.getSystemPropertiesBuilder().setMessageType(MessageType.FIFO).setMessageGroup("g1");
        assertThat(sendStatus(fifo.build())).isEqualTo(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE);
        assertThat(sendStatus(message("Known", 10).build())).as("the broker still takes good messages").isEqualTo(Code.OK);
    }

    private static Message.Builder typed(String topic, MessageType type) {
        Message.Builder message = message(topic, 10);
        message.getSystemPropertiesBuilder().setMessageType(type);
        return message;
    }

    private static Message.Builder delayed(String topic, long deliverAtMillis) {
        Message.Builder message = typed(topic, MessageType.DELAY);
        message.getSystemPropertiesBuilder().setDeliveryTimestamp(Timestamps.fromMillis(deliverAtMillis));
        return message;
    }

    @Test
    void delayAndTransactionRequestsThatBreakTheRulesGetTheirCodes() {
        ClusterAdmin.createTopic(cluster, "Timed", 1, "DELAY");
        ClusterAdmin.createTopic(cluster, "Paid", 1, "TRANSACTION");
        long now = System.currentTimeMillis();
        assertThat(sendStatus(typed("Known", MessageType.TRANSACTION).build()))
                .isEqualTo(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE);
        assertThat(sendStatus(delayed("Known", now + 60_000).build()))
                .isEqualTo(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE);
        assertThat(sendStatus(message("Timed", 10).build())).isEqualTo(Code.MESSAGE_PROPERTY_CONFLICT_WITH_TYPE);
        assertThat(sendStatus(typed("Timed", MessageType.DELAY).build())).as("no delivery time")
                .isEqualTo(Code.ILLEGAL_DELIVERY_TIME);
        assertThat(sendStatus(delayed("Timed", now + Duration.ofDays(8).toMillis()).build()))
                .as("beyond timerMaxDelaySec").isEqualTo(Code.ILLEGAL_DELIVERY_TIME);
        assertThat(sendStatus(delayed("Timed", now + Duration.ofDays(6).toMillis()).build())).isEqualTo(Code.OK);

        Message half = typed("Paid", MessageType.TRANSACTION).build();
        SendResultEntry sent = broker.stub().sendMessage(SendMessageRequest.newBuilder().addMessages(half).build())
                .getEntries(0);
        assertThat(sent.getStatus().getCode()).isEqualTo(Code.OK);
        assertThat(sent.getTransactionId()).isNotEmpty();
        EndTransactionRequest.Builder end = EndTransactionRequest.newBuilder()
                .setTopic(Resource.newBuilder().setName("Paid"))
                .setMessageId(half.getSystemProperties().getMessageId())
                .setTransactionId(sent.getTransactionId())
                .setResolution(TransactionResolution.COMMIT)
                .setSource(TransactionSource.SOURCE_CLIENT);
        assertThat(endStatus(end.clone().setTransactionId("TX-made-up"))).isEqualTo(Code.INVALID_TRANSACTION_ID);
        assertThat(endStatus(end.clone().setTransactionId(""))).isEqualTo(Code.INVALID_TRANSACTION_ID);
        assertThat(endStatus(end.clone().setMessageId("someone-else"))).isEqualTo(Code.INVALID_TRANSACTION_ID);
        assertThat(endStatus(end.clone().setResolution(TransactionResolution.TRANSACTION_RESOLUTION_UNSPECIFIED)))
                .isEqualTo(Code.BAD_REQUEST);
        assertThat(endStatus(end)).isEqualTo(Code.OK);
        assertThat(endStatus(end.clone().setResolution(TransactionResolution.ROLLBACK))).as("already committed")
                .isEqualTo(Code.INVALID_TRANSACTION_ID);
        assertThat(cluster.broker(0).isAlive()).isTrue();
    }

    private static Code endStatus(EndTransactionRequest.Builder request) {
        return broker.stub().endTransaction(request.build()).getStatus().getCode();
    }

    @Test
    void consumerRequestsThatBreakTheRulesGetTheirCodes() {
        AckMessageRequest ack = AckMessageRequest.newBuilder()
                .setGroup(Resource.newBuilder().setName("Readers")).setTopic(Resource.newBuilder().setName("Known"))
                .addEntries(AckMessageEntry.newBuilder().setMessageId("x").setReceiptHandle("garbage###")).build();
        assertThat(broker.stub().ackMessage(ack).getStatus().getCode()).isEqualTo(Code.INVALID_RECEIPT_HANDLE);

        assertThat(receiveStatus(receive("Known").setInvisibleDuration(Durations.fromHours(13)).build()))
                .isEqualTo(Code.ILLEGAL_INVISIBLE_TIME);
        assertThat(receiveStatus(receive("Known").setFilterExpression(FilterExpression.newBuilder()
                .setType(FilterType.SQL).setExpression("a > 1")).build()))
                .isEqualTo(Code.ILLEGAL_FILTER_EXPRESSION);
        assertThat(receiveStatus(receive("Nowhere").build())).isEqualTo(Code.TOPIC_NOT_FOUND);
    }

    @Test
    void routeQueriesForUnknownOrIllegalTopicsGetTheirCodes() {
        assertThat(nameServer.stub().queryRoute(QueryRouteRequest.newBuilder()
                .setTopic(Resource.newBuilder().setName("Nowhere")).build()).getStatus().getCode())
                .isEqualTo(Code.TOPIC_NOT_FOUND);
        assertThat(nameServer.stub().queryRoute(QueryRouteRequest.newBuilder()
                .setTopic(Resource.newBuilder().setName("no spaces please")).build()).getStatus().getCode())
                .isEqualTo(Code.ILLEGAL_TOPIC);
    }

    @Test
    void aClientVanishingMidReceiveLeavesTheBrokerServing() throws Exception {
        List<Context.CancellableContext> abandoned = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Context.CancellableContext context = Context.current().withCancellation();
            abandoned.add(context);
            context.run(() -> {
                Iterator<ReceiveMessageResponse> responses = broker.stub().receiveMessage(receive("Known")
                        .setLongPollingTimeout(Durations.fromSeconds(20)).build());
                assertThat(responses).isNotNull();
            });
        }
        abandoned.forEach(context -> context.cancel(null));

        OfficialClients clients = new OfficialClients(cluster.nameServerAddress(), false);
        try (Producer producer = clients.producer("Known");
             SimpleConsumer consumer = clients.simpleConsumer("AfterAbandon", "Known", "*")) {
            String id = producer.send(OfficialClients.message("Known", "still here", null)).getMessageId().toString();
            List<String> ids = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (MessageView view : consumer.receive(32, Duration.ofSeconds(30))) {
                    ids.add(view.getMessageId().toString());
                    consumer.ack(view);
                }
                return ids.contains(id);
            });
        }
        assertThat(cluster.broker(0).isAlive()).isTrue();
    }

    private static ReceiveMessageRequest.Builder receive(String topic) {
        return ReceiveMessageRequest.newBuilder()
                .setGroup(Resource.newBuilder().setName("Readers"))
                .setMessageQueue(MessageQueue.newBuilder().setTopic(Resource.newBuilder().setName(topic)).setId(0))
                .setBatchSize(1)
                .setInvisibleDuration(Durations.fromSeconds(30))
                .setLongPollingTimeout(Durations.fromSeconds(0));
    }

    private static Code receiveStatus(ReceiveMessageRequest request) {
        Iterator<ReceiveMessageResponse> responses = broker.stub().receiveMessage(request);
        ReceiveMessageResponse first = responses.next();
        responses.forEachRemaining(ignored -> { });
        return first.getStatus().getCode();
    }
}
