package io.couriermq.namesrv.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings under {@code courier.namesrv}. Defaults live here and nowhere else. The HTTP port (REST and actuator) is
 * Spring's {@code server.port}.
 *
 * @param grpcPort           where brokers and clients reach the gRPC services, TLS and plaintext alike; 0 picks a
 *                           free port (tests)
 * @param bindAddress        the interface the gRPC server listens on
 * @param brokerExpiry       how long a broker may go without registering before it leaves the routes; brokers
 *                           register every 10 s, so the default tolerates two lost heartbeats
 * @param expiryScanInterval how often silent brokers are looked for
 * @param tls                the server certificate; without one, a self-signed certificate is generated at start
 */
@ConfigurationProperties("courier.namesrv")
@Validated
public record NameServerProperties(
        @DefaultValue("9876") @Min(0) @Max(65535) int grpcPort,
        @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration brokerExpiry,
        @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration expiryScanInterval,
        @DefaultValue @Valid Tls tls) {

    /**
     * PEM files of the certificate chain and its private key; give both or neither.
     *
     * @param certificateChain PEM certificate chain the server presents
     * @param privateKey       PEM (PKCS#8) private key of the first certificate
     */
    public record Tls(Path certificateChain, Path privateKey) {

        /** True when the operator configured a certificate. */
        public boolean configured() {
            return certificateChain != null && privateKey != null;
        }

        @AssertTrue(message = "courier.namesrv.tls.certificate-chain and courier.namesrv.tls.private-key must be"
                + " set together")
        public boolean isComplete() {
            return (certificateChain == null) == (privateKey == null);
        }
    }
}
