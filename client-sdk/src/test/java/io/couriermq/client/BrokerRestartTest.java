package io.couriermq.client;

import io.couriermq.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.couriermq.client.ProducerAndSimpleConsumerTest.body;
import static io.couriermq.client.ProducerAndSimpleConsumerTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Clients outlive broker crashes. With one of two brokers dead, sends retry on the other (and then avoid the dead
 * one); with both dead, sends fail with a transport error once their attempts are used up; once a broker is back,
 * the same producer and consumer carry on (channels reconnect, Telemetry sessions re-open and announce the
 * settings again).
 */
class BrokerRestartTest {

    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Clusters.start(BrokerRestartTest.class, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void producerAndConsumerCarryOnThroughBrokerCrashes() {
        ClientConfig config = ClientConfig.builder().endpoints(cluster.nameServerAddress())
                .requestTimeout(Duration.ofSeconds(2)).build();
        String topic = Clusters.unique("restart");
        try (Producer producer = Producer.builder(config).topics(topic).maxAttempts(2).build()) {
            for (int i = 0; i < 4; i++) {
                producer.send(message(topic, "before-" + i, null));
            }
            try (SimpleConsumer consumer = SimpleConsumer.builder(config).group(Clusters.unique("group"))
                    .subscribe(topic, "*").awaitDuration(Duration.ofSeconds(1)).build()) {
                cluster.broker(1).kill();
                for (int i = 0; i < 20; i++) {
                    assertThat(producer.send(message(topic, "one-down-" + i, null)).brokerName())
                            .as("retried on the live broker").isEqualTo("broker-a");
                }

                cluster.broker(0).kill();
                assertThatThrownBy(() -> producer.send(message(topic, "all-down", null)))
                        .isInstanceOfSatisfying(ClientException.class,
                                e -> assertThat(e.code()).isEqualTo(ClientException.NO_STATUS));

                cluster.broker(0).start();
                await("the producer reaches the restarted broker").atMost(Duration.ofSeconds(90))
                        .ignoreException(ClientException.class)
                        .until(() -> producer.send(message(topic, "after", null)) != null);

                List<String> received = new ArrayList<>();
                await("the consumer receives again").atMost(Duration.ofSeconds(90))
                        .ignoreException(ClientException.class).until(() -> {
                            for (MessageView message : consumer.receive(32, Duration.ofSeconds(30))) {
                                received.add(body(message));
                                consumer.ack(message);
                            }
                            return received.contains("after");
                        });
            }
        }
        Clusters.assertNoClientThreadsLeft();
    }
}
