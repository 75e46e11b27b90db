package io.couriermq.client.internal;

import apache.rocketmq.v2.ClientType;
import io.couriermq.client.ClientConfig;
import io.couriermq.client.MessageListener;
import io.couriermq.client.PushConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link PushConsumer}: every 5 seconds it asks for its assignments and keeps one {@link ProcessQueue} per
 * assigned queue, all sharing one cache budget and one consumption pool. Whether the group is FIFO is read from
 * the brokers' settings once, at start.
 *
 * <p>Thread-safe; assignment changes are serialised on this object.
 */
public final class PushConsumerImpl implements PushConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PushConsumerImpl.class);
    static final Duration ASSIGNMENT_SCAN = Duration.ofSeconds(5);
    /** How long close lets the listener finish the messages it already has. */
    private static final Duration CONSUMPTION_GRACE = Duration.ofSeconds(10);

    private final ClientRuntime runtime;
    private final SubscriptionRole role;
    private final AssignmentScanner scanner;
    private final MessageReceiver receiver;
    private final Settlements settlements;
    private final CacheBudget budget;
    private final ExecutorService pool;
    private final BatchConsumption consumption;
    private final Map<QueueRoute, ProcessQueue> processQueues = new HashMap<>();
    private ScheduledFuture<?> scanTask;
    private boolean closed;

    private PushConsumerImpl(ClientRuntime runtime, SubscriptionRole role, String group, MessageListener listener,
                             int consumptionThreads, int maxCachedMessages) {
        this.runtime = runtime;
        this.role = role;
        this.scanner = new AssignmentScanner(runtime, group, role.topics());
        this.receiver = new MessageReceiver(runtime, group);
        this.settlements = new Settlements(runtime, group);
        this.budget = new CacheBudget(maxCachedMessages);
        this.pool = runtime.threads().newPool("consume", consumptionThreads);
        ListenerInvoker invoker = new ListenerInvoker(listener, pool);
        this.consumption = role.serverSettings().fifo()
                ? new FifoConsumption(invoker, settlements, budget, () -> role.serverSettings().backoff(),
                runtime.threads())
                : new ConcurrentConsumption(invoker, settlements, budget, () -> role.serverSettings().backoff());
    }

    public static PushConsumer start(ClientConfig config, String group, Map<String, String> subscriptions,
                                     MessageListener listener, int consumptionThreads, int maxCachedMessages) {
        SubscriptionRole role = new SubscriptionRole(ClientType.PUSH_CONSUMER, config.namespace(), group,
                subscriptions, null);
        ClientRuntime runtime = ClientRuntime.start(config, role, role.topics());
        PushConsumerImpl consumer;
        try {
            consumer = new PushConsumerImpl(runtime, role, group, listener, consumptionThreads, maxCachedMessages);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        consumer.startScanning();
        return consumer;
    }

    private synchronized void startScanning() {
        scanTask = runtime.threads().every(Duration.ZERO, ASSIGNMENT_SCAN, this::scan);
    }

    private void scan() {
        Set<QueueRoute> current;
        synchronized (this) {
            current = Set.copyOf(processQueues.keySet());
        }
        scanner.scan(current).whenComplete((assigned, failure) -> {
            if (failure != null) {
                LOG.warn("scanning assignments failed: {}", Statuses.unwrap(failure).getMessage());
            } else {
                apply(assigned);
            }
        });
    }

    private synchronized void apply(Set<QueueRoute> assigned) {
        if (closed) {
            return;
        }
        processQueues.entrySet().removeIf(entry -> {
            if (assigned.contains(entry.getKey())) {
                return false;
            }
            LOG.info("no longer assigned {}", entry.getKey());
            entry.getValue().stop();
            return true;
        });
        for (QueueRoute queue : assigned) {
            if (!processQueues.containsKey(queue)) {
                LOG.info("assigned {}", queue);
                ProcessQueue processQueue = new ProcessQueue(queue, role, receiver, consumption, budget,
                        runtime.threads());
                processQueues.put(queue, processQueue);
                processQueue.start();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (scanTask != null) {
                scanTask.cancel(false);
            }
            processQueues.values().forEach(ProcessQueue::stop);
            processQueues.clear();
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(CONSUMPTION_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
            settlements.drained().get(runtime.rpc().requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing with messages not yet settled; they will be delivered again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runtime.close();
        }
    }
}
