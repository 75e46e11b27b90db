package io.couriermq.compat;

import org.apache.rocketmq.client.apis.producer.Producer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps sending with the official producer, {@code maxInFlight} sends at a time, and records the id of every send
 * the producer was told succeeded: the messages that must not be lost. Stops after {@code maxMessages} sends at
 * most, so a run stays bounded.
 */
final class SendLoad implements AutoCloseable {

    private final Producer producer;
    private final String topic;
    private final String tag;
    private final int maxMessages;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread sender;
    private volatile boolean stopping;

    SendLoad(Producer producer, String topic, String tag, int maxInFlight, int maxMessages) {
        this.producer = producer;
        this.topic = topic;
        this.tag = tag;
        this.maxInFlight = maxInFlight;
        this.maxMessages = maxMessages;
        this.inFlight = new Semaphore(maxInFlight);
        this.sender = new Thread(this::sendUntilStopped, "send-load-" + tag);
        sender.start();
    }

    private void sendUntilStopped() {
        int sent = 0;
        try {
            while (sent < maxMessages && !stopping) {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                String body = tag + "-" + sent++;
                producer.sendAsync(OfficialClients.message(topic, body, tag)).whenComplete((receipt, e) -> {
                    if (e == null) {
                        acknowledged.add(receipt.getMessageId().toString());
                    } else {
                        failures.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ids of the sends acknowledged so far. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int failures() {
        return failures.get();
    }

    /** Stops sending and waits for the sends in flight to be answered. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        sender.join(TimeUnit.SECONDS.toMillis(30));
        if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sends still unanswered after 60 s");
        }
        inFlight.release(maxInFlight);
    }
}
