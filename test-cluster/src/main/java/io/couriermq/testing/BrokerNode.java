package io.couriermq.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One broker of a {@link TestCluster}: its fixed ports and store directory, so that it can be stopped, killed and
 * started again as the same broker with the same data.
 */
public final class BrokerNode implements AutoCloseable {

    private final String brokerName;
    private final int grpcPort;
    private final int httpPort;
    private final Path storeDir;
    private final ServiceProcess process;

    BrokerNode(Path jar, String brokerName, String nameServerAddress, Path workDir, List<String> jvmOptions,
               List<String> extraArguments) {
        this.brokerName = brokerName;
        this.grpcPort = FreePorts.next();
        this.httpPort = FreePorts.next();
        this.storeDir = workDir.resolve(brokerName);
        List<String> arguments = new ArrayList<>(List.of(
                "--courier.broker.brokerName=" + brokerName,
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
        this.process = new ServiceProcess(brokerName, jar, jvmOptions, arguments,
                workDir.resolve("logs").resolve(brokerName + ".log"), httpPort);
    }

    public BrokerNode start() {
        process.start(Duration.ofSeconds(120));
        return this;
    }

    public String brokerName() {
        return brokerName;
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

    /** SIGTERM: the broker shuts down cleanly. */
    public void stop() {
        process.close();
    }

    @Override
    public void close() {
        process.close();
    }
}
