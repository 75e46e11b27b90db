package io.couriermq.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing, usage errors and exit codes: everything that needs no running cluster. */
class MqAdminCommandLineTest {

    private static final int USAGE = 2;

    @Test
    void updateTopicDefaultsAreRocketMqs() {
        UpdateTopicCommand command = parse(UpdateTopicCommand.class, "updateTopic", "-t", "orders", "-c", "DefaultCluster");

        assertThat(command.readQueueNums).isEqualTo(8);
        assertThat(command.writeQueueNums).isEqualTo(8);
        assertThat(command.perm).isEqualTo(6);
        assertThat(command.messageType).isNull();
        assertThat(command.target.cluster).isEqualTo("DefaultCluster");
        String fromEnvironment = System.getenv("NAMESRV_ADDR");
        assertThat(command.nameServerAddresses)
                .isEqualTo(NameServerAddresses.parse(fromEnvironment == null ? "127.0.0.1:9876" : fromEnvironment));
    }

    @Test
    void updateTopicReadsQueuesPermAndMessageType() {
        UpdateTopicCommand command = parse(UpdateTopicCommand.class, "updateTopic", "-n", "10.0.0.1:9876;10.0.0.2:9876",
                "-t", "orders", "-b", "10.0.0.5:8081", "-r", "4", "-w", "2", "-p", "4", "-a", "+message.type=fifo");

        assertThat(command.nameServerAddresses.addresses()).containsExactly("10.0.0.1:9876", "10.0.0.2:9876");
        assertThat(command.target.brokerAddress).isEqualTo("10.0.0.5:8081");
        assertThat(command.readQueueNums).isEqualTo(4);
        assertThat(command.writeQueueNums).isEqualTo(2);
        assertThat(command.perm).isEqualTo(4);
        assertThat(command.messageType).isEqualTo("FIFO");
    }

    @Test
    void updateSubGroupTakesBooleanValuesLikeRocketMq() {
        UpdateSubGroupCommand command = parse(UpdateSubGroupCommand.class, "updateSubGroup", "-g", "billing",
                "-c", "DefaultCluster", "-o", "true", "-r", "3", "-s", "false");

        assertThat(command.orderly).isTrue();
        assertThat(command.retryMaxTimes).isEqualTo(3);
        assertThat(command.consumeEnable).isFalse();
    }

    @Test
    void leftOutGroupOptionsStayUnsetForTheBrokerDefaults() {
        UpdateSubGroupCommand command = parse(UpdateSubGroupCommand.class, "updateSubGroup", "-g", "billing",
                "-b", "10.0.0.5:8081");

        assertThat(command.orderly).isNull();
        assertThat(command.retryMaxTimes).isNull();
        assertThat(command.consumeEnable).isNull();
    }

    @Test
    void noCommandIsAUsageError() {
        CommandRun run = CommandRun.mqadmin();

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(USAGE);
        assertThat(run.err()).startsWith("Missing command").contains("updateTopic");
    }

    @Test
    void clusterAndBrokerAreRequiredAndExclusive() {
        CommandRun neither = CommandRun.mqadmin("updateTopic", "-t", "orders");
        CommandRun both = CommandRun.mqadmin("updateTopic", "-t", "orders", "-c", "DefaultCluster", "-b", "h:1");

        assertThat(neither.exitCode()).as(neither.toString()).isEqualTo(USAGE);
        assertThat(neither.err()).contains("Missing required argument").contains("-c=<clusterName>");
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(USAGE);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void badValuesAreUsageErrorsThatSayWhy() {
        CommandRun timestamp = CommandRun.mqadmin("resetOffsetByTime", "-g", "g", "-t", "t", "-s", "yesterday");
        CommandRun attribute = CommandRun.mqadmin("updateTopic", "-t", "t", "-c", "c", "-a", "+message.type=LITE");
        CommandRun nameServer = CommandRun.mqadmin("topicList", "-n", "localhost");

        assertThat(timestamp.exitCode()).isEqualTo(USAGE);
        assertThat(timestamp.err()).contains("'yesterday' is not a timestamp");
        assertThat(attribute.exitCode()).isEqualTo(USAGE);
        assertThat(attribute.err()).contains("'LITE' is not one of");
        assertThat(nameServer.exitCode()).isEqualTo(USAGE);
        assertThat(nameServer.err()).contains("'localhost' is not host:port");
    }

    @Test
    void unreachableNameServerFailsWithOneLine() throws IOException {
        String first = "127.0.0.1:" + closedPort();
        String second = "127.0.0.1:" + closedPort();

        CommandRun run = CommandRun.mqadmin("clusterList", "-n", first + ";" + second);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(MqAdmin.FAILURE);
        assertThat(run.err()).startsWith("cannot reach NameServer " + first + ";" + second + ": ")
                .contains("Connection refused").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = MqAdmin.commandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    /** A port nothing listens on: bound once to find it free, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
