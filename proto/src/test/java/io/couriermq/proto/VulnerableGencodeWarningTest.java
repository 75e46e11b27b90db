package io.couriermq.proto;

import static org.assertj.core.api.Assertions.assertThat;

import apache.rocketmq.v2.HeartbeatRequest;
import apache.rocketmq.v2.Message;
import apache.rocketmq.v2.MessagingServiceGrpc;
import apache.rocketmq.v2.QueryRouteResponse;
import apache.rocketmq.v2.ReceiveMessageRequest;
import apache.rocketmq.v2.Resource;
import apache.rocketmq.v2.SendMessageRequest;
import apache.rocketmq.v2.TelemetryCommand;
import com.google.protobuf.ByteString;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reason the v2 classes are regenerated: protobuf-java logs (through java.util.logging) "Vulnerable protobuf
 * generated type in use" the first time it parses a message of pre-21.7 gencode, such as the protoc 3.19 classes
 * in the published rocketmq-proto jar (CVE-2024-7254). Old gencode calls {@code makeExtensionsImmutable()} from its
 * parsing constructor, so the warning appears on parsing, not on class loading; the probes below therefore parse.
 *
 * <p>The control test shows the probe can fail: the published classes, loaded in an isolated class loader on the
 * same protobuf-java jar this module uses, do produce the warning for the very same bytes.
 */
class VulnerableGencodeWarningTest {

    private static final String WARNING = "Vulnerable protobuf generated type in use";
    private static final String SILENCE_PROPERTY = "com.google.protobuf.use_unsafe_pre22_gencode";

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger rootLogger = Logger.getLogger("");

    @BeforeEach
    void captureLogging() {
        assertThat(System.getProperty(SILENCE_PROPERTY)).as("the warning must not be silenced").isNull();
        capture.setLevel(Level.ALL);
        rootLogger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        rootLogger.removeHandler(capture);
    }

    @Test
    void regeneratedClassesParseWithoutTheVulnerabilityWarning() throws Exception {
        SendMessageRequest send = sampleSendMessageRequest();
        assertThat(SendMessageRequest.parseFrom(send.toByteArray())).isEqualTo(send);
        try (InputStream stream = MessagingServiceGrpc.getSendMessageMethod().streamRequest(send)) {
            assertThat(MessagingServiceGrpc.getSendMessageMethod().parseRequest(stream)).isEqualTo(send);
        }
        ReceiveMessageRequest.parseFrom(ReceiveMessageRequest.newBuilder()
                .setGroup(Resource.newBuilder().setName("group")).setBatchSize(32).build().toByteArray());
        HeartbeatRequest.parseFrom(HeartbeatRequest.newBuilder()
                .setGroup(Resource.newBuilder().setName("group")).build().toByteArray());
        QueryRouteResponse.parseFrom(QueryRouteResponse.getDefaultInstance().toByteArray());
        TelemetryCommand.parseFrom(TelemetryCommand.getDefaultInstance().toByteArray());

        assertThat(vulnerabilityWarnings()).isEmpty();
    }

    @Test
    void publishedClassesParseWithTheVulnerabilityWarning() throws Exception {
        byte[] bytes = sampleSendMessageRequest().toByteArray();
        URL[] jars = {
            Path.of(RocketMqV2RegenerationTest.requiredProperty(RocketMqV2RegenerationTest.PUBLISHED_JAR_PROPERTY))
                    .toUri().toURL(),
            com.google.protobuf.Message.class.getProtectionDomain().getCodeSource().getLocation(),
        };
        // Parent is the platform loader, so neither our classes nor our protobuf runtime copy are visible.
        try (URLClassLoader published = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = published.loadClass(SendMessageRequest.class.getName());
            assertThat(type.getSuperclass().getName()).isEqualTo("com.google.protobuf.GeneratedMessageV3");

            Object parsed = type.getMethod("parseFrom", byte[].class).invoke(null, (Object) bytes);

            assertThat((byte[]) type.getMethod("toByteArray").invoke(parsed)).isEqualTo(bytes);
        }
        assertThat(vulnerabilityWarnings()).anySatisfy(message ->
                assertThat(message).contains(SendMessageRequest.class.getName()));
    }

    private List<String> vulnerabilityWarnings() {
        return records.stream()
                .filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage)
                .filter(message -> message != null && message.contains(WARNING))
                .toList();
    }

    private static SendMessageRequest sampleSendMessageRequest() {
        return SendMessageRequest.newBuilder()
                .addMessages(Message.newBuilder()
                        .setTopic(Resource.newBuilder().setName("orders"))
                        .setBody(ByteString.copyFromUtf8("payload")))
                .build();
    }
}
