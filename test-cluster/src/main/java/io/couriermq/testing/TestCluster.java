package io.couriermq.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A NameServer and brokers (broker-a, broker-b, ...) of one cluster, each a real JVM on loopback with its own
 * ports and store directory under a test's work directory, optionally masters with one slave each (broker-a-s, ...).
 * The service jars come from the system properties {@code courier.namesrv.jar} and {@code courier.broker.jar},
 * which the build sets for tests.
 */
public final class TestCluster implements AutoCloseable {

    private final ServiceProcess nameServer;
    private final int nameServerGrpcPort;
    private final List<BrokerNode> brokers;
    private final List<BrokerNode> slaves;

    private TestCluster(ServiceProcess nameServer, int nameServerGrpcPort, List<BrokerNode> brokers,
                        List<BrokerNode> slaves) {
        this.nameServer = nameServer;
        this.nameServerGrpcPort = nameServerGrpcPort;
        this.brokers = brokers;
        this.slaves = slaves;
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

    /** The masters. */
    public List<BrokerNode> brokers() {
        return List.copyOf(brokers);
    }

    /** The slave of the {@code index}th master; only with {@link Builder#slaves(int)}. */
    public BrokerNode slave(int index) {
        return slaves.get(index);
    }

    @Override
    public void close() {
        slaves.forEach(BrokerNode::close);
        brokers.forEach(BrokerNode::close);
        nameServer.close();
    }

    /** What to start. */
    public static final class Builder {
        private final Path workDir;
        private int brokers = 1;
        private int slaves;
        private String masterRole = "ASYNC_MASTER";
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

        /** Gives the first {@code masters} masters a slave each (brokerId 1), started after the masters. */
        public Builder slaves(int masters) {
            slaves = masters;
            return this;
        }

        /** The masters' brokerRole: ASYNC_MASTER (the default) or SYNC_MASTER. */
        public Builder masterRole(String role) {
            masterRole = role;
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
            ServiceProcess nameServer = new ServiceProcess("namesrv",
                    ServiceProcess.jarFromProperty("courier.namesrv.jar"), jvmOptions,
                    List.of("--courier.namesrv.grpcPort=" + grpcPort, "--courier.namesrv.bindAddress=127.0.0.1",
                            "--server.port=" + httpPort, "--server.address=127.0.0.1",
                            "--courier.namesrv.brokerExpiry=" + brokerExpiry.toMillis() + "ms",
                            "--courier.namesrv.expiryScanInterval=500ms"),
                    workDir.resolve("logs").resolve("namesrv.log"), httpPort);
            List<BrokerNode> masters = new ArrayList<>();
            List<BrokerNode> slaveNodes = new ArrayList<>();
            TestCluster cluster = new TestCluster(nameServer, grpcPort, masters, slaveNodes);
            try {
                nameServer.start(Duration.ofSeconds(120));
                Path brokerJar = ServiceProcess.jarFromProperty("courier.broker.jar");
                List<String> masterArguments = new ArrayList<>(brokerArguments);
                masterArguments.add("--courier.broker.brokerRole=" + masterRole);
                List<String> slaveArguments = new ArrayList<>(brokerArguments);
                slaveArguments.addAll(List.of("--courier.broker.brokerRole=SLAVE", "--courier.broker.brokerId=1"));
                for (int i = 0; i < brokers; i++) {
                    String name = "broker-" + (char) ('a' + i);
                    masters.add(BrokerNode.fromJar(brokerJar, name, name, cluster.nameServerAddress(), workDir,
                            jvmOptions, masterArguments));
                }
                for (int i = 0; i < Math.min(slaves, brokers); i++) {
                    String name = "broker-" + (char) ('a' + i);
                    slaveNodes.add(BrokerNode.fromJar(brokerJar, name + "-s", name, cluster.nameServerAddress(),
                            workDir, jvmOptions, slaveArguments));
                }
                // Side by side: a JVM's start is mostly waiting on one thread, and a slave waits for its master.
                masters.forEach(BrokerNode::launch);
                slaveNodes.forEach(BrokerNode::launch);
                masters.forEach(BrokerNode::awaitUp);
                slaveNodes.forEach(BrokerNode::awaitUp);
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }
}
