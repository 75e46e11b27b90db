package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import io.couriermq.broker.core.produce.SendException;
import io.couriermq.ha.ReplicationException;
import io.couriermq.store.StoreErrorCode;
import io.couriermq.store.StoreException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The replication outcomes a producer can tell apart, as RocketMQ 5's proxy names them. */
class StatusTranslatorTest {

    @Test
    void syncReplicationFailuresGetTheirV2Codes() {
        assertThat(code(new ReplicationException(ReplicationException.Reason.NO_SLAVE, "0 slave(s) in sync")))
                .isEqualTo(Code.HA_NOT_AVAILABLE);
        assertThat(code(new ReplicationException(ReplicationException.Reason.CLOSED, "closed")))
                .isEqualTo(Code.HA_NOT_AVAILABLE);
        assertThat(code(new ReplicationException(ReplicationException.Reason.TIMEOUT, "3s")))
                .isEqualTo(Code.SLAVE_PERSISTENCE_TIMEOUT);
    }

    @Test
    void writesToASlaveAreForbiddenWithTheReasonInTheMessage() {
        assertThat(code(new SendException(SendException.Reason.NOT_WRITABLE, "broker-a is a SLAVE")))
                .isEqualTo(Code.FORBIDDEN);
        assertThat(StatusTranslator.toStatus(new CompletionException(
                new StoreException(StoreErrorCode.READ_ONLY, "replica"))).getMessage()).endsWith("replica");
        assertThat(code(new StoreException(StoreErrorCode.READ_ONLY, "replica"))).isEqualTo(Code.FORBIDDEN);
    }

    private static Code code(Throwable failure) {
        return StatusTranslator.toStatus(new CompletionException(failure)).getCode();
    }
}
