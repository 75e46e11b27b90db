package io.couriermq.namesrv;

import io.couriermq.namesrv.grpc.GrpcServerLifecycle;
import io.couriermq.proto.namesrv.v1.ListTopicsRequest;
import io.couriermq.proto.namesrv.v1.NameServerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closing the application closes the gRPC port. */
class NameServerLifecycleTest {

    @Test
    void theGrpcServerStopsWithTheApplication() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NameServerApplication.class)
                .run("--server.port=0", "--courier.namesrv.grpc-port=0", "--courier.namesrv.bind-address=127.0.0.1");
        GrpcServerLifecycle server = context.getBean(GrpcServerLifecycle.class);
        ManagedChannel channel = GrpcChannels.plaintext(server.port());
        try {
            NameServerGrpc.NameServerBlockingStub stub = NameServerGrpc.newBlockingStub(channel);
            assertThat(stub.listTopics(ListTopicsRequest.getDefaultInstance()).getTopicsList()).isEmpty();

            context.close();

            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .listTopics(ListTopicsRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            context.close();
            GrpcChannels.close(channel);
        }
    }
}
