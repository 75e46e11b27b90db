package io.couriermq.tools.client;

import io.couriermq.client.Message;
import io.couriermq.client.Producer;
import io.couriermq.client.SendReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Sends text messages and prints their ids: mqadmin sendMessage's options. */
@Command(name = "send", description = "Send a message (or several) and print the message ids.")
final class SendCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--topic"}, required = true, description = "topic")
    String topic;

    @Option(names = {"-p", "--body"}, required = true, description = "message body (UTF-8 text)")
    String body;

    @Option(names = {"-c", "--tags"}, description = "tag")
    String tag;

    @Option(names = {"-k", "--keys"}, description = "keys, separated by spaces")
    String keys;

    @Option(names = "--count", defaultValue = "1", description = "how many copies to send (default 1)")
    int count;

    @Override
    public Integer call() {
        try (Producer producer = Producer.builder(client.config()).topics(topic).build()) {
            for (int i = 0; i < count; i++) {
                Message.Builder message = Message.builder().topic(topic).body(body.getBytes(StandardCharsets.UTF_8));
                if (tag != null) {
                    message.tag(tag);
                }
                if (keys != null) {
                    message.keys(keys.trim().split("\\s+"));
                }
                SendReceipt receipt = producer.send(message.build());
                spec.commandLine().getOut().println(receipt.messageId());
            }
        }
        return 0;
    }
}
