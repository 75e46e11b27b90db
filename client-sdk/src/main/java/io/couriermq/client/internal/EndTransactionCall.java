package io.couriermq.client.internal;

import apache.rocketmq.v2.EndTransactionRequest;
import apache.rocketmq.v2.EndTransactionResponse;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.TransactionResolution;
import apache.rocketmq.v2.TransactionSource;

import java.util.concurrent.CompletableFuture;

/**
 * EndTransaction to the broker holding a transaction's half message: by the producer itself (commit or rollback)
 * or in answer to the broker's check.
 */
final class EndTransactionCall {

    private final ClientRuntime runtime;

    EndTransactionCall(ClientRuntime runtime) {
        this.runtime = runtime;
    }

    CompletableFuture<Void> end(Endpoint broker, String topic, String messageId, String transactionId,
                                TransactionResolution resolution, TransactionSource source) {
        EndTransactionRequest request = EndTransactionRequest.newBuilder()
                .setTopic(runtime.resource(topic))
                .setMessageId(messageId)
                .setTransactionId(transactionId)
                .setResolution(resolution)
                .setSource(source)
                .build();
        return runtime.rpc().<EndTransactionRequest, EndTransactionResponse>unary(broker, request,
                        MessagingServiceStub::endTransaction)
                .thenAccept(response -> Statuses.check(response.getStatus()));
    }
}
