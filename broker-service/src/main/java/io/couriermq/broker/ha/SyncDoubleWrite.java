package io.couriermq.broker.ha;

import io.couriermq.broker.core.produce.MessageAppender;
import io.couriermq.ha.ReplicationException;
import io.couriermq.ha.ReplicationMaster;
import io.couriermq.store.AppendResult;
import io.couriermq.store.Message;
import io.couriermq.store.MessageStore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * SYNC_MASTER's double write: a send completes once the store holds it as durably as its flush mode promises AND
 * a slave acknowledged holding the log up to the message's end. It fails with the {@link ReplicationException}
 * that says why a slave could not confirm (none in sync, or not in time); the message then stays in the master's
 * log, as in RocketMQ, and a producer's retry stores it again.
 *
 * <p>The slave's acknowledgement arrives on the replication timer thread, which also times out other waits; what
 * follows it (building and sending the gRPC answer) runs on {@code completions} instead.
 */
final class SyncDoubleWrite implements MessageAppender {

    private final MessageStore store;
    private final ReplicationMaster master;
    private final Executor completions;

    SyncDoubleWrite(MessageStore store, ReplicationMaster master, Executor completions) {
        this.store = store;
        this.master = master;
        this.completions = completions;
    }

    @Override
    public CompletableFuture<AppendResult> append(Message message) {
        return store.append(message).thenCompose(stored -> {
            CompletableFuture<Void> replicated = master.awaitReplicated(stored.endOffset());
            if (replicated.isDone()) {
                return replicated.thenApply(confirmed -> stored);
            }
            // handle, not thenApply: a failure must also leave the timer thread (a slave's loss fails every wait).
            return replicated.handleAsync((confirmed, failure) -> {
                if (failure != null) {
                    throw new CompletionException(failure);
                }
                return stored;
            }, completions);
        });
    }
}
