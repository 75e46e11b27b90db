/**
 * A Java client for brokers speaking the RocketMQ v2 gRPC protocol (Courier, Apache RocketMQ 5 proxies).
 *
 * <p>Every client is built from a {@link io.couriermq.client.ClientConfig} naming the access point (a NameServer):
 * {@link io.couriermq.client.Producer} sends, {@link io.couriermq.client.SimpleConsumer} receives on request and
 * leaves acknowledging to the caller, {@link io.couriermq.client.PushConsumer} consumes continuously through a
 * listener, and {@link io.couriermq.client.PullConsumer} reads queues by offset. Clients are
 * {@link java.lang.AutoCloseable}; failures are unchecked {@link io.couriermq.client.ClientException}s carrying
 * the protocol's status code.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder().endpoints("127.0.0.1:9876").build();
 * try (Producer producer = Producer.builder(config).topics("orders").build()) {
 *     producer.send(Message.builder().topic("orders").tag("created").body(bytes).build());
 * }
 * }</pre>
 *
 * Everything in {@code io.couriermq.client.internal} is implementation and may change without notice.
 */
package io.couriermq.client;
