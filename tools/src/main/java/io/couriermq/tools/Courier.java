package io.couriermq.tools;

import io.couriermq.tools.client.ClientCommands;
import picocli.CommandLine;

/** The client command line: send, receive and benchmark against a cluster (admin commands live in mqadmin). */
public final class Courier {

    private Courier() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(ClientCommands.root());
        // Failures are one line on stderr and exit 1, as in mqadmin; usage errors keep picocli's exit 2.
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println(failure.getMessage() == null ? failure.toString() : failure.getMessage());
            return 1;
        });
        return commandLine;
    }
}
