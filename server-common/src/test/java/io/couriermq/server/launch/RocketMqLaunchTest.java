package io.couriermq.server.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mqbroker's and mqnamesrv's command line and properties files, with a small table standing in for a service's. */
class RocketMqLaunchTest {

    private static final KeyTable TABLE = new KeyTable(
            Map.of("brokerName", "svc.brokerName", "namesrvAddr", "svc.namesrvAddr", "brokerIP1", "svc.brokerIp"),
            Map.of("brokerIP2", "one address is advertised"), "svc.grpcPort", -1);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RocketMqLaunch launch = new RocketMqLaunch("mqbroker", TABLE, "svc.namesrvAddr",
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void aFilesKeysBecomeSpringPropertiesAndListenPortPlacesTheHttpPort() throws IOException {
        Path file = write("brokerName = broker-a \nbrokerIP1=10.0.0.7\nlistenPort=10911\ncourier.x.y=z\n");

        RocketMqLaunch.Plan plan = launch.plan(new String[] {"-c", file.toString(), "--logging.level.root=WARN"},
                Map.of());

        assertThat(plan.systemProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("svc.brokerName", "broker-a",
                "svc.brokerIp", "10.0.0.7", "svc.grpcPort", "10911", "server.port", "10910", "courier.x.y", "z"));
        assertThat(plan.springArguments()).containsExactly("--logging.level.root=WARN");
        assertThat(plan.exitNow()).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void unknownAndUnappliedKeysAreWarnedAboutNotFatal() throws IOException {
        Path file = write("brokerName=broker-a\nbrokerIP2=10.0.0.8\nnoSuchKey=1\n");

        RocketMqLaunch.Plan plan = launch.plan(new String[] {"-c", file.toString()}, Map.of());

        assertThat(plan.systemProperties()).containsOnlyKeys("svc.brokerName");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("mqbroker: " + file + ": brokerIP2 is not applied: one address is advertised")
                .contains("noSuchKey is not a known setting and is ignored");
    }

    @Test
    void anExplicitServerPortStaysAndTheNameServerOptionOverridesTheFileWhichOverridesTheEnvironment()
            throws IOException {
        Path file = write("listenPort=20911\nserver.port=8090\nnamesrvAddr=file:9876\n");

        RocketMqLaunch.Plan fromOption = launch.plan(new String[] {"-n", "option:9876", "-c", file.toString()},
                Map.of(RocketMqLaunch.NAMESRV_ADDR_ENV, "env:9876"));
        RocketMqLaunch.Plan fromFile = launch.plan(new String[] {"-c", file.toString()},
                Map.of(RocketMqLaunch.NAMESRV_ADDR_ENV, "env:9876"));
        RocketMqLaunch.Plan fromEnvironment = launch.plan(new String[0],
                Map.of(RocketMqLaunch.NAMESRV_ADDR_ENV, "env:9876"));

        assertThat(fromOption.systemProperties()).containsEntry("svc.namesrvAddr", "option:9876")
                .containsEntry("server.port", "8090").containsEntry("svc.grpcPort", "20911");
        assertThat(fromFile.systemProperties()).containsEntry("svc.namesrvAddr", "file:9876");
        assertThat(fromEnvironment.systemProperties()).containsEntry("svc.namesrvAddr", "env:9876");
    }

    @Test
    void systemPropertiesAlreadySetWin() {
        Properties system = new Properties();
        system.setProperty("svc.brokerName", "from -D");

        RocketMqLaunch.apply(new RocketMqLaunch.Plan(Map.of("svc.brokerName", "from file", "svc.brokerIp", "1.2.3.4"),
                new String[0], false), system);

        assertThat(system).containsEntry("svc.brokerName", "from -D").containsEntry("svc.brokerIp", "1.2.3.4");
    }

    @Test
    void printAndHelpPrintAndAskToExit() throws IOException {
        Path file = write("brokerName=broker-a\n");

        assertThat(launch.plan(new String[] {"-c", file.toString(), "-p"}, Map.of()).exitNow()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("svc.brokerName=broker-a" + System.lineSeparator());
        assertThat(launch.plan(new String[] {"-h"}, Map.of()).exitNow()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: mqbroker [-c FILE] [-n ADDR]");
    }

    @Test
    void badCommandLinesAndFilesAreRefusedWithAMessage() throws IOException {
        assertThatThrownBy(() -> launch.plan(new String[] {"-c"}, Map.of())).hasMessage("-c needs a value");
        assertThatThrownBy(() -> launch.plan(new String[] {"-c", dir.resolve("none.properties").toString()},
                Map.of())).hasMessageContaining("does not exist");
        Path badPort = write("listenPort=http\n");
        assertThatThrownBy(() -> launch.plan(new String[] {"-c", badPort.toString()}, Map.of()))
                .hasMessageContaining("listenPort must be a port number").hasMessageContaining("'http'");
        RocketMqLaunch namesrv = new RocketMqLaunch("mqnamesrv", TABLE, null, System.out, System.err);
        assertThatThrownBy(() -> namesrv.plan(new String[] {"-n", "x:1"}, Map.of()))
                .hasMessageContaining("-n is not an option");
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "broker", ".properties");
        Files.writeString(file, content);
        return file;
    }
}
