package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import io.couriermq.client.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The receive loop of one assigned queue of a push consumer: reserve room in the cache, long-poll the broker for
 * that many messages (kept invisible by the broker while this client lives), hand them to the consumption, and
 * go again as soon as the consumption lets it. A failed receive is retried after a second (20 ms when the broker
 * was only busy). Every receive carries an attempt id; the retry of one that timed out carries the same, so the
 * broker may answer it with the same messages.
 *
 * <p>Runs on callback and scheduler threads; one receive at a time per queue.
 */
final class ProcessQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessQueue.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Duration RETRY_WHEN_BUSY = Duration.ofMillis(20);

    private final QueueRoute queue;
    private final SubscriptionRole role;
    private final MessageReceiver receiver;
    private final BatchConsumption consumption;
    private final CacheBudget budget;
    private final ClientThreads threads;
    private volatile boolean stopped;
    /** The attempt id of a receive that timed out, for its retry; only touched by this queue's one receive chain. */
    private volatile String retryOf;

    ProcessQueue(QueueRoute queue, SubscriptionRole role, MessageReceiver receiver, BatchConsumption consumption,
                 CacheBudget budget, ClientThreads threads) {
        this.queue = queue;
        this.role = role;
        this.receiver = receiver;
        this.consumption = consumption;
        this.budget = budget;
        this.threads = threads;
    }

    void start() {
        receiveNext();
    }

    /** No receive starts after this; messages already received are still consumed. */
    void stop() {
        stopped = true;
    }

    private void receiveNext() {
        if (stopped) {
            return;
        }
        ConsumerSettings settings = role.serverSettings();
        int reserved = budget.tryReserve(settings.receiveBatchSize());
        if (reserved == 0) {
            budget.whenAvailable(this::receiveNext);
            return;
        }
        String attempt = retryOf != null ? retryOf : UUID.randomUUID().toString();
        retryOf = null;
        receiver.receive(queue, role.filter(queue.topic()), reserved, null, settings.longPollingTimeout(), attempt)
                .whenComplete((messages, failure) -> {
                    if (failure == null) {
                        onReceived(reserved, messages);
                    } else {
                        onFailure(reserved, attempt, failure);
                    }
                });
    }

    private void onReceived(int reserved, List<ReceivedMessage> messages) {
        budget.release(reserved - messages.size());
        consumption.accept(messages).whenComplete((done, failure) -> receiveNext());
    }

    private void onFailure(int reserved, String attempt, Throwable failure) {
        budget.release(reserved);
        if (stopped) {
            return;
        }
        ClientException error = Statuses.unwrap(failure);
        if (Statuses.isDeadlineExceeded(error)) {
            retryOf = attempt;
        }
        Duration wait = error.code() == Code.TOO_MANY_REQUESTS_VALUE ? RETRY_WHEN_BUSY : RETRY_AFTER_FAILURE;
        LOG.debug("receiving from {} failed, again in {}: {}", queue, wait, error.getMessage());
        threads.schedule(wait, this::receiveNext);
    }

    @Override
    public String toString() {
        return "ProcessQueue{" + queue + "}";
    }
}
