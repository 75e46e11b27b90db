package io.couriermq.namesrv.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NameServerPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NameServerProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsMatchRocketMqPortsAndTheHeartbeatPeriod() {
        runner.run(context -> {
            NameServerProperties properties = context.getBean(NameServerProperties.class);
            assertThat(properties.grpcPort()).isEqualTo(9876);
            assertThat(properties.bindAddress()).isEqualTo("0.0.0.0");
            assertThat(properties.brokerExpiry()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.expiryScanInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.tls().configured()).isFalse();
        });
    }

    @Test
    void relaxedKeysBind() {
        runner.withPropertyValues("courier.namesrv.grpc-port=19876", "courier.namesrv.broker-expiry=2m",
                        "courier.namesrv.tls.certificate-chain=/etc/courier/chain.pem",
                        "courier.namesrv.tls.private-key=/etc/courier/key.pem")
                .run(context -> {
                    NameServerProperties properties = context.getBean(NameServerProperties.class);
                    assertThat(properties.grpcPort()).isEqualTo(19876);
                    assertThat(properties.brokerExpiry()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.tls().privateKey()).isEqualTo(Path.of("/etc/courier/key.pem"));
                    assertThat(properties.tls().configured()).isTrue();
                });
    }

    @Test
    void invalidValuesStopTheStartNamingTheProblem() {
        runner.withPropertyValues("courier.namesrv.tls.certificate-chain=/etc/courier/chain.pem")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("must be set together"));
        runner.withPropertyValues("courier.namesrv.grpc-port=70000")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("grpcPort"));
        runner.withPropertyValues("courier.namesrv.broker-expiry=0s")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("brokerExpiry"));
    }
}
