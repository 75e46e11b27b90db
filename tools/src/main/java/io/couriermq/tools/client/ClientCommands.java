package io.couriermq.tools.client;

import picocli.CommandLine.Command;

/** The {@code courier} command and its subcommands. */
@Command(name = "courier", mixinStandardHelpOptions = true, subcommands = {SendCommand.class, ReceiveCommand.class,
        BenchCommand.class}, description = "Send, receive and benchmark messages with the Courier client SDK.")
public final class ClientCommands {

    private ClientCommands() {
    }

    public static Object root() {
        return new ClientCommands();
    }
}
