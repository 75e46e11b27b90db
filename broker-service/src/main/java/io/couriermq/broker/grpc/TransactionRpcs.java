package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.EndTransactionRequest;
import apache.rocketmq.v2.EndTransactionResponse;
import io.couriermq.broker.core.transaction.TransactionOutcome;
import io.couriermq.broker.core.transaction.TransactionService;

import java.util.concurrent.CompletableFuture;

/**
 * EndTransaction: a producer's commit or rollback, whether it decided on its own or answers the broker's check
 * (the request's source tells which; both end the transaction the same way).
 */
final class TransactionRpcs {

    private final TransactionService transactions;

    TransactionRpcs(TransactionService transactions) {
        this.transactions = transactions;
    }

    CompletableFuture<EndTransactionResponse> end(EndTransactionRequest request) {
        TransactionOutcome outcome = switch (request.getResolution()) {
            case COMMIT -> TransactionOutcome.COMMIT;
            case ROLLBACK -> TransactionOutcome.ROLLBACK;
            default -> throw new V2RequestException(Code.BAD_REQUEST, "resolution must be COMMIT or ROLLBACK, was "
                    + request.getResolution());
        };
        if (request.getTransactionId().isEmpty()) {
            throw new V2RequestException(Code.INVALID_TRANSACTION_ID, "transaction_id is empty");
        }
        return transactions.end(request.getTransactionId(), request.getMessageId(), request.getTopic().getName(),
                        outcome)
                .thenApply(done -> EndTransactionResponse.newBuilder().setStatus(V2Status.OK).build());
    }
}
