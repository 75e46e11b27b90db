package io.couriermq.tools.client;

import io.couriermq.client.MessageView;
import io.couriermq.client.SimpleConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** Receives messages as a simple consumer, prints them and acknowledges them. */
@Command(name = "receive", description = "Receive messages, print them, and acknowledge them.")
final class ReceiveCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--topic"}, required = true, description = "topic")
    String topic;

    @Option(names = {"-g", "--group"}, required = true, description = "consumer group")
    String group;

    @Option(names = {"-s", "--subExpression"}, defaultValue = "*", description = "tag expression, e.g. 'A || B'")
    String expression;

    @Option(names = "--count", defaultValue = "1", description = "stop after this many messages (default 1)")
    int count;

    @Option(names = "--wait", defaultValue = "20s", converter = DurationConverter.class,
            description = "give up after this long without messages (default 20s)")
    Duration wait;

    @Override
    public Integer call() {
        int received = 0;
        try (SimpleConsumer consumer = SimpleConsumer.builder(client.config()).group(group)
                .subscribe(topic, expression).awaitDuration(Duration.ofSeconds(5)).build()) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (received < count && System.nanoTime() < deadline) {
                List<MessageView> messages = consumer.receive(Math.min(32, count - received), Duration.ofSeconds(30));
                for (MessageView message : messages) {
                    print(spec.commandLine().getOut(), message);
                    consumer.ack(message);
                    received++;
                }
                if (!messages.isEmpty()) {
                    deadline = System.nanoTime() + wait.toNanos();
                }
            }
        }
        if (received < count) {
            spec.commandLine().getErr().println("received " + received + " of " + count + " messages before " + wait
                    + " without any");
            return 1;
        }
        return 0;
    }

    private static void print(PrintWriter out, MessageView message) {
        out.printf("%s  queue=%d offset=%d tag=%s keys=%s attempt=%d%n  %s%n", message.messageId(),
                message.queueId(), message.queueOffset(), message.tag().orElse(""), String.join(" ", message.keys()),
                message.deliveryAttempt(), new String(message.body(), StandardCharsets.UTF_8));
    }
}
