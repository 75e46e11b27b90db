package io.couriermq.tools;

import picocli.CommandLine.Command;

@Command(name = "topicList", description = "List every topic a live broker serves, one per line.")
final class TopicListCommand extends AdminCommand {

    @Override
    void run() {
        nameServer().topics().stream().sorted().forEach(out()::println);
    }
}
