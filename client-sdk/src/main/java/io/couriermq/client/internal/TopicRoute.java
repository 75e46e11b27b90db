package io.couriermq.client.internal;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The queues of one topic as a QueryRoute answered, with the views clients need, computed once since producers
 * ask for them on every send. Queue lists are sorted by broker name and queue id, so every client of a topic sees
 * the same order (FIFO hashing depends on it).
 */
public final class TopicRoute {

    private static final Comparator<QueueRoute> ORDER =
            Comparator.comparing(QueueRoute::brokerName).thenComparingInt(QueueRoute::queueId);

    private final String topic;
    private final List<QueueRoute> queues;
    private final List<QueueRoute> writableMasters;
    private final List<QueueRoute> readableMasters;

    public TopicRoute(String topic, List<QueueRoute> queues) {
        this.topic = topic;
        this.queues = queues.stream().sorted(ORDER).toList();
        this.writableMasters = this.queues.stream().filter(q -> q.master() && q.writable()).toList();
        this.readableMasters = this.queues.stream().filter(q -> q.master() && q.readable()).toList();
    }

    public String topic() {
        return topic;
    }

    /** Queues a producer may send to. */
    public List<QueueRoute> writableMasters() {
        return writableMasters;
    }

    /** Queues a consumer may receive from. */
    public List<QueueRoute> readableMasters() {
        return readableMasters;
    }

    /** The brokers this client talks to for the topic: the masters, each once. */
    public Set<Endpoint> masterEndpoints() {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        queues.stream().filter(QueueRoute::master).forEach(q -> endpoints.add(q.endpoint()));
        return endpoints;
    }

    /** Masters holding at least one readable queue of the topic, each once. */
    public Set<Endpoint> readableMasterEndpoints() {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        readableMasters.forEach(q -> endpoints.add(q.endpoint()));
        return endpoints;
    }

    public Optional<QueueRoute> find(String brokerName, int queueId) {
        return queues.stream().filter(q -> q.master() && q.brokerName().equals(brokerName) && q.queueId() == queueId)
                .findFirst();
    }
}
