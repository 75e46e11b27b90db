package io.couriermq.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One broker process of a {@link TestCluster}, a master or a slave: its fixed ports and store directory, so that it
 * can be stopped, killed, suspended and started again as the same broker with the same data.
 */
public final class BrokerNode implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final String nodeName;
    private final String brokerName;
    private final int grpcPort;
    private final int httpPort;
    private final Path storeDir;
    private final ServiceProcess process;

    BrokerNode(String nodeName, String brokerName, int grpcPort, int httpPort, Path storeDir, ServiceProcess process) {
        this.nodeName = nodeName;
        this.brokerName = brokerName;
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
        this.storeDir = storeDir;
        this.process = process;
    }

    /**
     * A broker run from its jar with its settings as arguments, on free ports.
     *
     * @param nodeName names the process, its store directory and its log: the broker name for a master, with
     *                 {@code -s} for its slave, as RocketMQ names their configuration files
     */
    static BrokerNode fromJar(Path jar, String nodeName, String brokerName, String nameServerAddress, Path workDir,
                              List<String> jvmOptions, List<String> extraArguments) {
        int grpcPort = FreePorts.next();
        int httpPort = FreePorts.next();
        Path storeDir = workDir.resolve(nodeName);
        List<String> arguments = new ArrayList<>(List.of(
                "--courier.broker.brokerName=" + brokerName,
                "--courier.broker.haListenPort=" + FreePorts.next(),
                "--courier.broker.namesrvAddr=" + nameServerAddress,
                "--courier.broker.brokerIp=127.0.0.1",
                "--courier.broker.bindAddress=127.0.0.1",
                "--courier.broker.grpcPort=" + grpcPort,
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--courier.broker.storePathRootDir=" + storeDir,
                "--courier.broker.mappedFileSizeCommitLog=" + 64 * 1024 * 1024,
                "--courier.broker.registerInterval=1s"));
        arguments.addAll(extraArguments);
        return new BrokerNode(nodeName, brokerName, grpcPort, httpPort, storeDir, new ServiceProcess(nodeName, jar,
                jvmOptions, arguments, workDir.resolve("logs").resolve(nodeName + ".log"), httpPort));
    }

    public BrokerNode start() {
        process.start(STARTUP);
        return this;
    }

    /** Starts the process without waiting for it; {@link #awaitUp()} waits. */
    public void launch() {
        process.launch();
    }

    /** Waits until the process launched by {@link #launch()} is up. */
    public void awaitUp() {
        process.awaitHealthy(STARTUP);
    }

    public String brokerName() {
        return brokerName;
    }

    /** The process's own name: the broker name, with {@code -s} for a slave. */
    public String nodeName() {
        return nodeName;
    }

    /** {@code 127.0.0.1:port} of its gRPC endpoint. */
    public String grpcAddress() {
        return "127.0.0.1:" + grpcPort;
    }

    /** Base URL of its REST admin and actuator endpoints. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path storeDir() {
        return storeDir;
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process id of the running broker JVM, e.g. to read its memory use from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the broker dies without flushing or saving anything. */
    public void kill() {
        process.kill();
    }

    /** SIGSTOP: the broker freezes with its connections open, as behind a network cut. */
    public void suspend() {
        process.suspend();
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() {
        process.resume();
    }

    /** SIGTERM: the broker shuts down cleanly. */
    public void stop() {
        process.close();
    }

    @Override
    public void close() {
        process.close();
    }
}
