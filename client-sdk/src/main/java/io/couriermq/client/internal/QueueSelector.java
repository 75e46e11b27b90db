package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import io.couriermq.client.ClientException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Chooses the queues a send tries, one per attempt, among the writable master queues of the route.
 * <ul>
 *   <li>FIFO messages (with a message group) always go to the queue the group hashes to, retries included: a
 *       group's order lives in one queue.</li>
 *   <li>Other sends take turns over all queues (round-robin). Retries go to other brokers first, and brokers
 *       recently found unreachable come last.</li>
 * </ul>
 * <p>Thread-safe.
 */
public final class QueueSelector {

    private final AtomicInteger turn = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));

    /** The queues of {@code attempts} attempts in order; queues repeat when there are fewer than attempts. */
    public List<QueueRoute> plan(TopicRoute route, String messageGroup, int attempts, Predicate<Endpoint> isolated) {
        List<QueueRoute> writable = route.writableMasters();
        if (writable.isEmpty()) {
            throw new ClientException(Code.FORBIDDEN_VALUE,
                    "topic " + route.topic() + " has no writable queue on a master broker");
        }
        if (messageGroup != null) {
            return Collections.nCopies(attempts, writable.get(Math.floorMod(hash(messageGroup), writable.size())));
        }
        int start = Math.floorMod(turn.getAndIncrement(), writable.size());
        List<QueueRoute> rotation = new ArrayList<>(writable.size());
        for (int i = 0; i < writable.size(); i++) {
            rotation.add(writable.get((start + i) % writable.size()));
        }
        List<QueueRoute> ordered = preferDistinctHealthyBrokers(rotation, isolated);
        List<QueueRoute> plan = new ArrayList<>(attempts);
        for (int i = 0; i < attempts; i++) {
            plan.add(ordered.get(i % ordered.size()));
        }
        return plan;
    }

    /** First one queue per reachable broker, then the other reachable queues, then queues of isolated brokers. */
    private static List<QueueRoute> preferDistinctHealthyBrokers(List<QueueRoute> rotation,
                                                                 Predicate<Endpoint> isolated) {
        List<QueueRoute> firstPerBroker = new ArrayList<>();
        List<QueueRoute> otherHealthy = new ArrayList<>();
        List<QueueRoute> unhealthy = new ArrayList<>();
        Set<String> brokersSeen = new HashSet<>();
        for (QueueRoute queue : rotation) {
            if (isolated.test(queue.endpoint())) {
                unhealthy.add(queue);
            } else if (brokersSeen.add(queue.brokerName())) {
                firstPerBroker.add(queue);
            } else {
                otherHealthy.add(queue);
            }
        }
        firstPerBroker.addAll(otherHealthy);
        firstPerBroker.addAll(unhealthy);
        return firstPerBroker;
    }

    /** A hash of the group that every client computes alike (String.hashCode would too, but CRC32 mixes better). */
    static long hash(String messageGroup) {
        CRC32 crc = new CRC32();
        crc.update(messageGroup.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
