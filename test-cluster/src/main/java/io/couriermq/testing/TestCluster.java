package io.couriermq.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A NameServer and brokers (broker-a, broker-b, ...) of one cluster, each a real JVM on loopback with its own
 * ports and store directory under a test's work directory. The service jars come from the system properties
 * {@code courier.namesrv.jar} and {@code courier.broker.jar}, which the build sets for tests.
 */
public final class TestCluster implements AutoCloseable {

    private final ServiceProcess nameServer;
    private final int nameServerGrpcPort;
    private final List<BrokerNode> brokers;

    private TestCluster(ServiceProcess nameServer, int nameServerGrpcPort, List<BrokerNode> brokers) {
        this.nameServer = nameServer;
        this.nameServerGrpcPort = nameServerGrpcPort;
        this.brokers = brokers;
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** {@code 127.0.0.1:port} of the NameServer: the access point clients are configured with. */
    public String nameServerAddress() {
        return "127.0.0.1:" + nameServerGrpcPort;
    }

    public String nameServerHttpUrl() {
        return "http://127.0.0.1:" + nameServer.httpPort();
    }

    public BrokerNode broker(int index) {
        return brokers.get(index);
    }

    public List<BrokerNode> brokers() {
        return List.copyOf(brokers);
    }

    @Override
    public void close() {
        brokers.forEach(BrokerNode::close);
        nameServer.close();
    }

    /** What to start. */
    public static final class Builder {
        private final Path workDir;
        private int brokers = 1;
        private final List<String> brokerArguments = new ArrayList<>();
        private List<String> jvmOptions = ServiceProcess.TEST_JVM_OPTIONS;
        private Duration brokerExpiry = Duration.ofSeconds(10);

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        public Builder brokers(int count) {
            brokers = count;
            return this;
        }

        /** A {@code --key=value} argument every broker gets, e.g. {@code --courier.broker.autoCreateTopicEnable=true}. */
        public Builder brokerArgument(String argument) {
            brokerArguments.add(argument);
            return this;
        }

        /** JVM options for every service, in place of {@link ServiceProcess#TEST_JVM_OPTIONS}. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions = List.copyOf(options);
            return this;
        }

        /** How long the NameServer keeps a silent broker in routes. */
        public Builder brokerExpiry(Duration expiry) {
            brokerExpiry = expiry;
            return this;
        }

        public TestCluster start() {
            int grpcPort = FreePorts.next();
            int httpPort = FreePorts.next();
            ServiceProcess nameServer = new ServiceProcess("namesrv", ServiceProcess.jarFromProperty("courier.namesrv.jar"),
                    jvmOptions, List.of("--courier.namesrv.grpcPort=" + grpcPort, "--courier.namesrv.bindAddress=127.0.0.1",
                            "--server.port=" + httpPort, "--server.address=127.0.0.1",
                            "--courier.namesrv.brokerExpiry=" + brokerExpiry.toMillis() + "ms",
                            "--courier.namesrv.expiryScanInterval=500ms"),
                    workDir.resolve("logs").resolve("namesrv.log"), httpPort);
            List<BrokerNode> nodes = new ArrayList<>();
            TestCluster cluster = new TestCluster(nameServer, grpcPort, nodes);
            try {
                nameServer.start(Duration.ofSeconds(120));
                Path brokerJar = ServiceProcess.jarFromProperty("courier.broker.jar");
                for (int i = 0; i < brokers; i++) {
                    String name = "broker-" + (char) ('a' + i);
                    nodes.add(new BrokerNode(brokerJar, name, cluster.nameServerAddress(), workDir, jvmOptions,
                            brokerArguments).start());
                }
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }
}
