package io.couriermq.broker.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The broker's settings under {@code courier.broker.*}, named as RocketMQ names them so operators recognise them
 * ({@code brokerName}, {@code namesrvAddr}, {@code flushDiskType}, {@code deleteWhen}, ...). Defaults are
 * RocketMQ's unless noted.
 *
 * @param brokerIp               the address clients and other brokers use to reach this broker (RocketMQ's
 *                               brokerIP1); empty means this host's first non-loopback IPv4 address
 * @param grpcPort               the port serving RocketMQ 5's gRPC protocol, TLS and plaintext (RocketMQ's proxy:
 *                               8081)
 * @param storePathRootDir       where the store keeps its files
 * @param mappedFileSizeCommitLog commit log segment size in bytes
 * @param deleteWhen             hours of the day, separated by ';', when expired commit log files are deleted
 * @param fileReservedTime       hours a commit log file is kept
 * @param diskMaxUsedSpaceRatio  percent of the disk in use above which the oldest files are deleted at any hour
 * @param autoCreateTopicEnable  create a topic on first send (RocketMQ: true; here false unless configured)
 * @param registerInterval       how often the broker re-registers with the NameServers (RocketMQ: 30 s)
 * @param timerMaxDelaySec       how far ahead a delay message's delivery time may be, in seconds (RocketMQ: 3
 *                               days; here 7)
 * @param transactionTimeOut     a transaction left undecided this long is checked with its producer
 * @param transactionCheckInterval time between checks of one transaction (RocketMQ: 30 s; here 10 s)
 * @param transactionCheckMax    checks before an undecided transaction is rolled back
 * @param tlsCertificateChain    PEM certificate chain for TLS; a self-signed one is generated when absent
 * @param tlsPrivateKey          PEM private key matching the chain
 */
@Validated
@ConfigurationProperties("courier.broker")
public record BrokerProperties(
        @DefaultValue("DefaultCluster") @NotBlank String brokerClusterName,
        @DefaultValue("broker-a") @NotBlank String brokerName,
        @DefaultValue("0") @Min(0) long brokerId,
        @DefaultValue("ASYNC_MASTER") @NotNull BrokerRoleSetting brokerRole,
        @DefaultValue("ASYNC_FLUSH") @NotNull io.couriermq.store.FlushMode flushDiskType,
        @DefaultValue("") String namesrvAddr,
        @DefaultValue("") String brokerIp,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("8081") @Min(0) @Max(65535) int grpcPort,
        @NotNull Path storePathRootDir,
        @DefaultValue("1073741824") @Min(1024 * 1024) long mappedFileSizeCommitLog,
        @DefaultValue("4194304") @Min(1) @Max(64 * 1024 * 1024) int maxMessageSize,
        @DefaultValue("500ms") Duration flushIntervalCommitLog,
        @DefaultValue("5s") Duration syncFlushTimeout,
        @DefaultValue("04") String deleteWhen,
        @DefaultValue("72") @Min(1) int fileReservedTime,
        @DefaultValue("75") @Min(10) @Max(95) int diskMaxUsedSpaceRatio,
        @DefaultValue("false") boolean autoCreateTopicEnable,
        @DefaultValue("8") @Min(1) @Max(1024) int defaultTopicQueueNums,
        @DefaultValue("true") boolean autoCreateSubscriptionGroup,
        @DefaultValue("10s") Duration registerInterval,
        @DefaultValue("20000") @Min(100) int maxUnackedWindow,
        @DefaultValue("604800") @Min(1) long timerMaxDelaySec,
        @DefaultValue("6s") Duration transactionTimeOut,
        @DefaultValue("10s") Duration transactionCheckInterval,
        @DefaultValue("15") @Min(1) int transactionCheckMax,
        Path tlsCertificateChain,
        Path tlsPrivateKey) {

    /** Roles as RocketMQ spells them. */
    public enum BrokerRoleSetting { ASYNC_MASTER, SYNC_MASTER, SLAVE }
}
