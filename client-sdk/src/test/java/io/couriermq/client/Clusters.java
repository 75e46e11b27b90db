package io.couriermq.client;

import io.couriermq.testing.TestCluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Starting the real cluster the integration tests run against, and checks they share. Each test class starts one
 * cluster (every broker JVM takes seconds to start) under {@code target/test-clusters/<class>-<time>}, where the
 * services' logs stay after the run.
 */
final class Clusters {

    private Clusters() {
    }

    /** @param brokerArguments {@code --key=value} settings for every broker, beside topic auto-creation */
    static TestCluster start(Class<?> testClass, int brokers, String... brokerArguments) {
        Path workDir = Path.of(System.getProperty("courier.test.workDir", "target/test-clusters"))
                .resolve(testClass.getSimpleName() + "-" + System.currentTimeMillis());
        TestCluster.Builder builder = TestCluster.builder(workDir).brokers(brokers)
                .brokerArgument("--courier.broker.autoCreateTopicEnable=true");
        for (String argument : brokerArguments) {
            builder.brokerArgument(argument);
        }
        return builder.start();
    }

    static ClientConfig config(TestCluster cluster) {
        return ClientConfig.builder().endpoints(cluster.nameServerAddress()).requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A topic or group name no other test uses, so tests never see each other's messages. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Closed clients leave no thread behind: every client thread is named courier-client-*. */
    static void assertNoClientThreadsLeft() {
        await("client threads to end").atMost(Duration.ofSeconds(5)).until(() -> clientThreads().isEmpty());
    }

    static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("courier-client-")).toList();
    }
}
