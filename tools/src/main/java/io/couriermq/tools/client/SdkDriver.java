package io.couriermq.tools.client;

import io.couriermq.bench.harness.ClientDriver;
import io.couriermq.client.ClientConfig;
import io.couriermq.client.ConsumeResult;
import io.couriermq.client.Message;
import io.couriermq.client.Producer;
import io.couriermq.client.PushConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/** The benchmark's client: one producer for all phases, sending batches as one request, and push consumers. */
final class SdkDriver implements ClientDriver, AutoCloseable {

    private final ClientConfig config;
    private final Producer producer;

    SdkDriver(ClientConfig config) {
        this.config = config;
        this.producer = Producer.builder(config).build();
    }

    @Override
    public CompletableFuture<?> send(String topic, byte[] body, int count, long sentAtNanos) {
        List<Message> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(Message.builder().topic(topic).body(body).property(SENT_AT, Long.toString(sentAtNanos))
                    .build());
        }
        return count == 1 ? producer.sendAsync(messages.get(0)) : producer.sendBatchAsync(messages);
    }

    @Override
    public AutoCloseable consume(String topic, String group, LongConsumer onMessage) {
        return PushConsumer.builder(config).group(group).subscribe(topic, "*").listener(message -> {
            onMessage.accept(Long.parseLong(message.properties().get(SENT_AT)));
            return ConsumeResult.SUCCESS;
        }).build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
