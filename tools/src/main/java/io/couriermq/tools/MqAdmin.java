package io.couriermq.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code mqadmin}: RocketMQ's admin command line for Courier, with RocketMQ's command names and option letters so
 * that operators' habits and scripts carry over.
 *
 * <p>Exit codes: 0 on success, 1 when a command fails (the reason on one line of stderr), 2 for usage errors
 * (picocli's usual code; the message and the command's usage on stderr).
 */
@Command(name = "mqadmin",
        description = "Administers a Courier cluster: topics, consumer groups, messages, brokers.",
        subcommands = {
                CommandLine.HelpCommand.class,
                UpdateTopicCommand.class,
                DeleteTopicCommand.class,
                TopicListCommand.class,
                TopicRouteCommand.class,
                TopicStatusCommand.class,
                UpdateSubGroupCommand.class,
                DeleteSubGroupCommand.class,
                ConsumerProgressCommand.class,
                ConsumerConnectionCommand.class,
                ResetOffsetByTimeCommand.class,
                QueryMsgByIdCommand.class,
                QueryMsgByKeyCommand.class,
                ClusterListCommand.class,
                BrokerStatusCommand.class
        })
public final class MqAdmin implements Runnable {

    static final int FAILURE = 1;

    /** gRPC logs connection trouble through java.util.logging; mqadmin reports it itself, in one line. */
    private static final Logger GRPC_LOGGER = Logger.getLogger("io.grpc");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    boolean help;

    @Spec
    CommandSpec spec;

    /** Reached only when no command was given. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    public static void main(String[] args) {
        GRPC_LOGGER.setLevel(Level.OFF);
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own output streams. */
    static CommandLine commandLine() {
        return new CommandLine(new MqAdmin()).setExecutionExceptionHandler((e, command, parseResult) -> {
            command.getErr().println(e instanceof AdminException ? e.getMessage() : "unexpected error: " + e);
            command.getErr().flush();
            return FAILURE;
        });
    }
}
