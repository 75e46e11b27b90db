package io.couriermq.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the {@code conf/} layouts started as its files document: the NameServer with {@code bin/mqnamesrv -c FILE}
 * and every broker with {@code bin/mqbroker -n ADDR -c FILE}, side by side, and stopped with
 * {@code bin/mqshutdown}. The brokers run from copies of the layout's files that differ only in what a machine
 * shared with other tests needs: free ports, store directories under the test's work directory, loopback
 * addresses, 64 MiB commit log segments and a one-second registration period, plus the test's own settings.
 * The checkout's root comes from the system property {@code courier.home}, which the build sets.
 */
public final class LayoutCluster implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Path root;
    private final Path workDir;
    private final Map<String, String> environment;
    private final ServiceProcess nameServer;
    private final int nameServerGrpcPort;
    private final Map<String, BrokerNode> brokers;

    private LayoutCluster(Path root, Path workDir, Map<String, String> environment, ServiceProcess nameServer,
                          int nameServerGrpcPort, Map<String, BrokerNode> brokers) {
        this.root = root;
        this.workDir = workDir;
        this.environment = environment;
        this.nameServer = nameServer;
        this.nameServerGrpcPort = nameServerGrpcPort;
        this.brokers = brokers;
    }

    /**
     * Starts the NameServer, then every broker of {@code conf/<layout>/} at once, and waits until all are up.
     *
     * @param brokerSettings   appended to every broker's file, e.g. {@code slaveTimeout=1000}
     * @param nameServerSettings appended to the NameServer's file, e.g. {@code courier.namesrv.brokerExpiry=3s}
     */
    public static LayoutCluster start(Path workDir, String layout, Map<String, String> brokerSettings,
                                      Map<String, String> nameServerSettings) {
        Path root = checkoutRoot();
        Map<String, String> environment = Map.of("COURIER_LOG_DIR", workDir.resolve("logs").toString(),
                "COURIER_RUN_DIR", workDir.resolve("run").toString(), "JAVA_OPT", String.join(" ", ServiceProcess.TEST_JVM_OPTIONS));
        int grpcPort = FreePorts.next();
        int httpPort = FreePorts.next();
        Map<String, String> nameServerFile = new LinkedHashMap<>(Map.of("listenPort", Integer.toString(grpcPort),
                "server.port", Integer.toString(httpPort), "server.address", "127.0.0.1",
                "courier.namesrv.bindAddress", "127.0.0.1", "courier.namesrv.expiryScanInterval", "500ms"));
        nameServerFile.putAll(nameServerSettings);
        Path nameServerConf = copy(root.resolve("conf").resolve("namesrv.properties"),
                workDir.resolve("conf").resolve("namesrv.properties"), nameServerFile);
        ServiceProcess nameServer = new ServiceProcess("namesrv",
                List.of(root.resolve("bin").resolve("mqnamesrv").toString(), "-c", nameServerConf.toString()),
                environment, workDir.resolve("console").resolve("namesrv.out"), httpPort);
        Map<String, BrokerNode> brokers = new LinkedHashMap<>();
        LayoutCluster cluster = new LayoutCluster(root, workDir, environment, nameServer, grpcPort, brokers);
        try {
            nameServer.start(STARTUP);
            for (Path file : layoutFiles(root, layout)) {
                BrokerNode broker = scriptedBroker(root, workDir, environment, cluster.nameServerAddress(), file,
                        brokerSettings);
                brokers.put(broker.nodeName(), broker);
                broker.launch();
            }
            brokers.values().forEach(BrokerNode::awaitUp);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static BrokerNode scriptedBroker(Path root, Path workDir, Map<String, String> environment,
                                             String nameServerAddress, Path file, Map<String, String> settings) {
        String nodeName = file.getFileName().toString().replace(".properties", "");
        int grpcPort = FreePorts.next();
        int httpPort = FreePorts.next();
        Path storeDir = workDir.resolve("store").resolve(nodeName);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("listenPort", Integer.toString(grpcPort));
        overrides.put("storePathRootDir", storeDir.toString());
        overrides.put("haListenPort", Integer.toString(FreePorts.next()));
        overrides.put("server.port", Integer.toString(httpPort));
        overrides.put("server.address", "127.0.0.1");
        overrides.put("brokerIP1", "127.0.0.1");
        overrides.put("courier.broker.bindAddress", "127.0.0.1");
        overrides.put("mappedFileSizeCommitLog", Integer.toString(64 * 1024 * 1024));
        overrides.put("registerNameServerPeriod", "1000");
        overrides.putAll(settings);
        Path copy = copy(file, workDir.resolve("conf").resolve(file.getFileName()), overrides);
        String brokerName = load(copy).getProperty("brokerName");
        ServiceProcess process = new ServiceProcess(nodeName, List.of(root.resolve("bin").resolve("mqbroker")
                .toString(), "-n", nameServerAddress, "-c", copy.toString()), environment,
                workDir.resolve("console").resolve(nodeName + ".out"), httpPort);
        return new BrokerNode(nodeName, brokerName, grpcPort, httpPort, storeDir, process);
    }

    /**
     * Writes {@code source} to {@code target} with the keys of {@code overrides} replaced where the file has them
     * and appended where it does not, so the copy reads as the original does.
     */
    private static Path copy(Path source, Path target, Map<String, String> overrides) {
        try {
            Map<String, String> pending = new LinkedHashMap<>(overrides);
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
                String key = line.contains("=") && !line.startsWith("#") ? line.substring(0, line.indexOf('=')).trim()
                        : null;
                lines.add(key != null && pending.containsKey(key) ? key + "=" + pending.remove(key) : line);
            }
            if (!pending.isEmpty()) {
                lines.add("# Settings of the test, on a machine shared with other tests:");
                pending.forEach((key, value) -> lines.add(key + "=" + value));
            }
            Files.createDirectories(target.getParent());
            return Files.write(target, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source, e);
        }
    }

    private static List<Path> layoutFiles(Path root, String layout) {
        try (Stream<Path> files = Files.list(root.resolve("conf").resolve(layout))) {
            return files.filter(file -> file.toString().endsWith(".properties")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list layout " + layout, e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    private static Path checkoutRoot() {
        String home = System.getProperty("courier.home");
        if (home == null || !Files.isDirectory(Path.of(home, "conf"))) {
            throw new IllegalStateException("system property courier.home must name the checkout, was " + home);
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** {@code 127.0.0.1:port} of the NameServer: the access point clients are configured with. */
    public String nameServerAddress() {
        return "127.0.0.1:" + nameServerGrpcPort;
    }

    public String nameServerHttpUrl() {
        return "http://127.0.0.1:" + nameServer.httpPort();
    }

    /** A broker by its file's name: {@code broker-a}, {@code broker-a-s}, ... */
    public BrokerNode broker(String nodeName) {
        BrokerNode broker = brokers.get(nodeName);
        if (broker == null) {
            throw new IllegalArgumentException("no " + nodeName + " in this layout: " + brokers.keySet());
        }
        return broker;
    }

    public List<BrokerNode> brokers() {
        return List.copyOf(brokers.values());
    }

    /** Where the scripts write the services' log files ({@code COURIER_LOG_DIR}). */
    public Path logDir() {
        return workDir.resolve("logs");
    }

    /** Where the scripts keep their pid files ({@code COURIER_RUN_DIR}). */
    public Path runDir() {
        return workDir.resolve("run");
    }

    /** Runs {@code bin/mqshutdown broker|namesrv} and returns its exit status; its output goes to the console dir. */
    public int mqshutdown(String kind) {
        try {
            ProcessBuilder builder = new ProcessBuilder(root.resolve("bin").resolve("mqshutdown").toString(), kind)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            workDir.resolve("console").resolve("mqshutdown.out").toFile()));
            builder.environment().putAll(environment);
            Process shutdown = builder.start();
            if (!shutdown.waitFor(90, TimeUnit.SECONDS)) {
                shutdown.destroyForcibly();
                throw new IllegalStateException("mqshutdown " + kind + " did not finish within 90 s");
            }
            return shutdown.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run mqshutdown", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running mqshutdown", e);
        }
    }

    /** Stops whatever still runs (SIGTERM, then SIGKILL), brokers first. */
    @Override
    public void close() {
        brokers.values().forEach(BrokerNode::close);
        nameServer.close();
    }
}
