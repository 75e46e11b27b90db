package io.couriermq.compat;

import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.FilterExpressionType;
import org.apache.rocketmq.client.apis.consumer.MessageListener;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.TransactionChecker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Builds the official client's producers, consumers and messages the way applications do. */
final class OfficialClients {

    static final ClientServiceProvider PROVIDER = ClientServiceProvider.loadService();

    private final ClientConfiguration configuration;

    /** Clients of the access point {@code endpoints}, over TLS unless {@code tls} is false (the client's default). */
    OfficialClients(String endpoints, boolean tls) {
        this.configuration = ClientConfiguration.newBuilder().setEndpoints(endpoints).enableSsl(tls)
                .setRequestTimeout(Duration.ofSeconds(5)).build();
    }

    Producer producer(String... topics) throws ClientException {
        return PROVIDER.newProducerBuilder().setClientConfiguration(configuration).setTopics(topics).build();
    }

    /** A producer that can send in transactions; {@code checker} answers the broker's orphan checks. */
    Producer transactionalProducer(TransactionChecker checker, String... topics) throws ClientException {
        return PROVIDER.newProducerBuilder().setClientConfiguration(configuration).setTopics(topics)
                .setTransactionChecker(checker).build();
    }

    SimpleConsumer simpleConsumer(String group, String topic, String tagExpression) throws ClientException {
        return PROVIDER.newSimpleConsumerBuilder().setClientConfiguration(configuration).setConsumerGroup(group)
                .setSubscriptionExpressions(Map.of(topic, new FilterExpression(tagExpression, FilterExpressionType.TAG)))
                .setAwaitDuration(Duration.ofSeconds(2))
                .build();
    }

    PushConsumer pushConsumer(String group, String topic, MessageListener listener) throws ClientException {
        return PROVIDER.newPushConsumerBuilder().setClientConfiguration(configuration).setConsumerGroup(group)
                .setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL))
                .setMessageListener(listener)
                .build();
    }

    static Message message(String topic, String body, String tag, String... keys) {
        var builder = PROVIDER.newMessageBuilder().setTopic(topic).setBody(body.getBytes(StandardCharsets.UTF_8));
        if (tag != null) {
            builder.setTag(tag);
        }
        if (keys.length > 0) {
            builder.setKeys(keys);
        }
        return builder.build();
    }

    static String body(MessageView view) {
        return StandardCharsets.UTF_8.decode(view.getBody().duplicate()).toString();
    }

    static MessageListener succeedAll() {
        return view -> ConsumeResult.SUCCESS;
    }
}
