package io.couriermq.bench.ha;

import io.couriermq.bench.harness.MessageSender;
import io.couriermq.client.ClientConfig;
import io.couriermq.client.ClientException;
import io.couriermq.client.Message;
import io.couriermq.client.Producer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends through the client SDK, one message per request. A failed send is not retried: a SYNC_MASTER that cannot
 * confirm a send in time answers with an error, and a retry would hide that cost inside a slower success.
 */
final class SdkSender implements MessageSender, AutoCloseable {

    private final Producer producer;

    private SdkSender(Producer producer) {
        this.producer = producer;
    }

    /**
     * A producer of {@code topic}. A topic made through the REST API reaches the NameServer with the broker's next
     * registration, so building is retried until the route exists or {@code routeWait} has passed.
     */
    static SdkSender open(ClientConfig config, String topic, Duration routeWait) throws InterruptedException {
        long deadline = System.nanoTime() + routeWait.toNanos();
        while (true) {
            try {
                return new SdkSender(Producer.builder(config).topics(topic).maxAttempts(1).build());
            } catch (ClientException noRouteYet) {
                if (System.nanoTime() > deadline) {
                    throw noRouteYet;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public CompletableFuture<?> send(String topic, byte[] body, int count, long sentAtNanos) {
        if (count != 1) {
            throw new IllegalArgumentException("one message per request, asked for " + count);
        }
        return producer.sendAsync(Message.builder().topic(topic).body(body).build());
    }

    @Override
    public void close() {
        producer.close();
    }
}
