package io.couriermq.client.internal;

import apache.rocketmq.v2.TransactionResolution;
import apache.rocketmq.v2.TransactionSource;
import io.couriermq.client.Message;
import io.couriermq.client.SendReceipt;
import io.couriermq.client.Transaction;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A {@link Transaction}: remembers where its half message went, so the end goes to that broker. */
final class TransactionImpl implements Transaction {

    private final Function<Message, CompletableFuture<SendOperation.Sent>> sendHalf;
    private final EndTransactionCall ends;
    private Message message;
    private SendOperation.Sent sent;
    private boolean ended;

    TransactionImpl(Function<Message, CompletableFuture<SendOperation.Sent>> sendHalf, EndTransactionCall ends) {
        this.sendHalf = sendHalf;
        this.ends = ends;
    }

    @Override
    public SendReceipt send(Message half) {
        if (message != null || ended) {
            throw new IllegalStateException("a transaction carries one message, and this one "
                    + (ended ? "has ended" : "has " + message));
        }
        if (half.messageGroup().isPresent() || half.deliveryTimestamp().isPresent()) {
            throw new IllegalArgumentException("a transactional message cannot be a FIFO or delay message");
        }
        message = half;
        sent = Futures.await(sendHalf.apply(half));
        return sent.receipt();
    }

    @Override
    public void commit() {
        end(TransactionResolution.COMMIT);
    }

    @Override
    public void rollback() {
        end(TransactionResolution.ROLLBACK);
    }

    private void end(TransactionResolution resolution) {
        if (sent == null) {
            throw new IllegalStateException("nothing was sent in this transaction");
        }
        Futures.await(ends.end(sent.endpoint(), sent.receipt().topic(), sent.receipt().messageId(),
                sent.transactionId(), resolution, TransactionSource.SOURCE_CLIENT));
        ended = true;
    }
}
