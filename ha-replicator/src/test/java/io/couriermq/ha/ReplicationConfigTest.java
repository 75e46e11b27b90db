package io.couriermq.ha;

import io.couriermq.store.ByteSize;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationConfigTest {

    @Test
    void defaultsFollowRocketMq() {
        ReplicationConfig config = ReplicationConfig.builder().build();

        assertThat(config.listenAddress()).isEqualTo(new InetSocketAddress(10912));
        assertThat(config.transferBatchSize()).isEqualTo(ByteSize.ofKibibytes(32));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.syncTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.minInSyncSlaves()).isEqualTo(1);
        assertThat(config.maxInSyncLag()).isEqualTo(ByteSize.ofMebibytes(256));
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void invalidValuesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ReplicationConfig.builder().transferBatchSize(ByteSize.ofMebibytes(2)).build())
                .hasMessageContaining("transferBatchSize").hasMessageContaining("2097152B");
        assertThatThrownBy(() -> ReplicationConfig.builder().syncTimeout(Duration.ZERO).build())
                .hasMessage("syncTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> ReplicationConfig.builder().minInSyncSlaves(0).build())
                .hasMessage("minInSyncSlaves must be at least 1, was 0");
        assertThatThrownBy(() -> ReplicationConfig.builder().slaveId("").build()).hasMessageContaining("slaveId");
        assertThatThrownBy(() -> ReplicationConfig.builder().heartbeatInterval(Duration.ofSeconds(15)).build())
                .hasMessageContaining("idleTimeout must be at least twice heartbeatInterval");
    }
}
