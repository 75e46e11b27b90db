package io.couriermq.broker.core.produce;

import io.couriermq.store.AppendResult;
import io.couriermq.store.Message;

import java.util.concurrent.CompletableFuture;

/**
 * Where {@link SendService} writes an accepted message, and what "written" means: the store's own durability for a
 * single or ASYNC_MASTER broker, the store's and a slave's copy for a SYNC_MASTER, a refusal on a slave. The broker's
 * role picks the implementation; SendService does not know roles.
 */
@FunctionalInterface
public interface MessageAppender {

    /** Completes once the message is as durable as the broker's role promises, or fails saying why not. */
    CompletableFuture<AppendResult> append(Message message);
}
