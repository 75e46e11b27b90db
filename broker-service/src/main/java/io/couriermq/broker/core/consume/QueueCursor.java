package io.couriermq.broker.core.consume;

import io.couriermq.store.GetResult;
import io.couriermq.store.MessageStore;
import io.couriermq.store.StoredMessage;
import io.couriermq.store.TagFilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import static io.couriermq.broker.core.produce.SystemProperties.MESSAGE_GROUP;

/**
 * One consumer group's progress through one queue, with server-side invisibility as RocketMQ 5's POP has it.
 *
 * <pre>
 *   committed            next
 *       |  acked | in flight | acked | waiting |   not yet delivered ...
 * </pre>
 *
 * Everything below {@code committed} is done. Between {@code committed} and {@code next} each offset is acked
 * (or skipped by a filter), in flight (delivered, invisible until a deadline), or waiting: its deadline passed
 * without an ack, or its {@link DeliveryOrder} holds it back (FIFO groups). A delivery is identified by a nonce;
 * an ack or a change of invisibility must carry the nonce of the current delivery, so a consumer whose message
 * was meanwhile delivered to someone else is told its handle is no longer valid.
 *
 * <p>Thread-safe: every method synchronises on the cursor. Reads from the store happen under the lock; they are
 * short and the lock is per queue.
 */
final class QueueCursor {

    /** How long the broker keeps renewing an auto-renewed delivery while its client lives (Apache: 3 h). */
    static final long MAX_AUTO_RENEW_MILLIS = 3 * 60 * 60 * 1000L;
    /** Offsets fetched per store read when looking for new messages. */
    private static final int FETCH_BATCH = 64;
    /** Store reads per claim at most, so a filter that matches nothing scans a bounded stretch under the lock. */
    private static final int MAX_FETCHES_PER_CLAIM = 32;

    private record InFlight(long nonce, long deadline, int attempt, boolean autoRenew, String clientId,
                            long firstDeliveredAt, String messageGroup) {
    }

    private record Deadline(long deadline, long offset, long nonce) {
    }

    private final String group;
    private final String topic;
    private final int queueId;
    private final int maxWindow;
    private long committed;
    private long next;
    private final AckedRanges acked = new AckedRanges();
    private final Map<Long, InFlight> inFlight = new HashMap<>();
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
    private boolean byMessageGroup;
    private DeliveryOrder order;

    /** @param byMessageGroup FIFO consumption: message groups go out in order ({@link DeliveryOrder#byMessageGroup}) */
    QueueCursor(String group, String topic, int queueId, long committed, int maxWindow, boolean byMessageGroup) {
        this.group = group;
        this.topic = topic;
        this.queueId = queueId;
        this.committed = committed;
        this.next = committed;
        this.maxWindow = maxWindow;
        this.byMessageGroup = byMessageGroup;
        this.order = orderFor(byMessageGroup);
    }

    private static DeliveryOrder orderFor(boolean byMessageGroup) {
        return byMessageGroup ? DeliveryOrder.byMessageGroup() : DeliveryOrder.unordered();
    }

    String group() {
        return group;
    }

    String topic() {
        return topic;
    }

    int queueId() {
        return queueId;
    }

    /**
     * Hands out up to {@code request.maxMessages()} messages: waiting ones first (each delivery counts an attempt),
     * then new ones, as the delivery order allows. Messages that have used up their attempts are not delivered but
     * returned as dead letters, kept in flight until {@link #acknowledgeDeadLetter} (or redelivered if that never
     * comes).
     */
    synchronized Claim claim(MessageStore store, ClaimRequest request, long now, LongSupplier nonces,
                             Predicate<String> clientAlive) {
        orderBy(request.byMessageGroup());
        expire(now, request.invisibleMillis(), clientAlive);
        order.beginClaim();
        Claim claim = new Claim(new ArrayList<>(), new ArrayList<>());
        claimWaiting(store, request, now, nonces, claim);
        claimNew(store, request, now, nonces, claim);
        return claim;
    }

    /**
     * Follows a change of the group's FIFO setting: deliveries in flight are forgotten and everything not yet
     * acknowledged goes out again, in the new order. Rare (an admin changing the group), and at-least-once allows
     * the repeats; carrying in-flight state across orders would not be worth its complexity.
     */
    private void orderBy(boolean messageGroups) {
        if (messageGroups == byMessageGroup) {
            return;
        }
        byMessageGroup = messageGroups;
        order = orderFor(messageGroups);
        inFlight.clear();
        deadlines.clear();
        next = committed;
    }

    private void expire(long now, long renewMillis, Predicate<String> clientAlive) {
        while (!deadlines.isEmpty() && deadlines.peek().deadline <= now) {
            Deadline due = deadlines.poll();
            InFlight current = inFlight.get(due.offset);
            if (current == null || current.nonce != due.nonce) {
                continue;
            }
            if (current.autoRenew && clientAlive.test(current.clientId)
                    && now - current.firstDeliveredAt < MAX_AUTO_RENEW_MILLIS) {
                track(due.offset, new InFlight(current.nonce, now + renewMillis, current.attempt, true,
                        current.clientId, current.firstDeliveredAt, current.messageGroup));
                continue;
            }
            inFlight.remove(due.offset);
            order.expired(due.offset, new Waiting(current.messageGroup, current.attempt, current.nonce));
        }
    }

    private void claimWaiting(MessageStore store, ClaimRequest request, long now, LongSupplier nonces, Claim claim) {
        long offset;
        while (claim.size() < request.maxMessages() && (offset = order.nextWaiting()) >= 0) {
            Waiting waiting = order.waitingAt(offset);
            StoredMessage message = readAt(store, offset);
            if (message == null) {
                markDone(offset);
                continue;
            }
            int attempt = waiting.attempts() + 1;
            if (attempt > request.maxAttempts()) {
                track(offset, new InFlight(nonces.getAsLong(), now + request.invisibleMillis(), attempt, false, null,
                        now, waiting.messageGroup()));
                order.delivered(offset, waiting.messageGroup());
                claim.deadLetters().add(new DeadLetter(message, waiting.attempts()));
            } else {
                claim.deliveries().add(deliver(message, attempt, request, now, nonces));
            }
        }
    }

    private void claimNew(MessageStore store, ClaimRequest request, long now, LongSupplier nonces, Claim claim) {
        for (int fetches = 0; fetches < MAX_FETCHES_PER_CLAIM && claim.size() < request.maxMessages()
                && next - committed < maxWindow; fetches++) {
            int wanted = (int) Math.min(Math.min(FETCH_BATCH, request.maxMessages() - claim.size()),
                    maxWindow - (next - committed));
            GetResult result = store.getMessages(topic, queueId, next, wanted, request.filter());
            switch (result.status()) {
                case OFFSET_TOO_SMALL -> {
                    skipTo(result.nextOffset());
                    continue;
                }
                case NO_NEW_MESSAGE, NO_SUCH_QUEUE, OFFSET_OVERFLOW -> {
                    return;
                }
                default -> {
                }
            }
            long position = next;
            for (StoredMessage message : result.messages()) {
                acked.add(position, message.queueOffset());
                position = message.queueOffset() + 1;
                if (!acked.contains(message.queueOffset())
                        && order.admit(message.queueOffset(), messageGroup(message))) {
                    claim.deliveries().add(deliver(message, 1, request, now, nonces));
                }
            }
            acked.add(position, result.nextOffset());
            next = result.nextOffset();
            advanceCommitted();
            if (result.messages().isEmpty() && next >= result.maxOffset()) {
                return;
            }
        }
    }

    private static String messageGroup(StoredMessage message) {
        return message.properties().get(MESSAGE_GROUP);
    }

    private Delivery deliver(StoredMessage message, int attempt, ClaimRequest request, long now, LongSupplier nonces) {
        long nonce = nonces.getAsLong();
        long deadline = now + request.invisibleMillis();
        String messageGroup = messageGroup(message);
        track(message.queueOffset(), new InFlight(nonce, deadline, attempt, request.autoRenew(), request.clientId(),
                now, messageGroup));
        order.delivered(message.queueOffset(), messageGroup);
        return new Delivery(message, attempt, new ReceiptHandle(topic, queueId, message.queueOffset(), nonce),
                deadline);
    }

    private void track(long offset, InFlight delivery) {
        inFlight.put(offset, delivery);
        deadlines.add(new Deadline(delivery.deadline, offset, delivery.nonce));
    }

    private StoredMessage readAt(MessageStore store, long offset) {
        GetResult result = store.getMessages(topic, queueId, offset, 1, TagFilter.all());
        return result.messages().isEmpty() || result.messages().get(0).queueOffset() != offset
                ? null : result.messages().get(0);
    }

    /**
     * Acknowledges the delivery a handle names. Returns false if the message was already done (a repeated ack:
     * nothing to record); throws {@link InvalidReceiptHandleException} if the handle names a delivery that is no
     * longer current because the message went to someone else since.
     */
    synchronized boolean acknowledge(long offset, long nonce) {
        if (offset < committed || acked.contains(offset)) {
            return false;
        }
        InFlight current = inFlight.get(offset);
        Waiting expired = order.waitingAt(offset);
        boolean matches = (current != null && current.nonce == nonce)
                || (expired != null && expired.attempts() > 0 && expired.lastNonce() == nonce);
        if (!matches) {
            throw new InvalidReceiptHandleException("receipt handle for offset " + offset + " of " + topic + "/"
                    + queueId + " is not the current delivery" + (offset >= next ? " (never delivered)" : ""));
        }
        markDone(offset);
        return true;
    }

    /** The delivery a handle names, again, if it is still the current one and in flight; else null. */
    synchronized Delivery currentDelivery(MessageStore store, ReceiptHandle handle) {
        InFlight current = inFlight.get(handle.offset());
        if (current == null || current.nonce != handle.nonce()) {
            return null;
        }
        StoredMessage message = readAt(store, handle.offset());
        return message == null ? null : new Delivery(message, current.attempt, handle, current.deadline);
    }

    /** Finishes a message that was written to the dead-letter topic. */
    synchronized void acknowledgeDeadLetter(long offset) {
        markDone(offset);
    }

    /**
     * Makes the delivery a handle names invisible for {@code invisibleMillis} from now, under a new nonce, and
     * returns the new handle.
     */
    synchronized Delivery changeInvisibility(long offset, long nonce, long invisibleMillis, long now,
                                             LongSupplier nonces) {
        InFlight current = inFlight.get(offset);
        Waiting expired = order.waitingAt(offset);
        int attempt;
        String messageGroup;
        if (current != null && current.nonce == nonce) {
            attempt = current.attempt;
            messageGroup = current.messageGroup;
        } else if (expired != null && expired.attempts() > 0 && expired.lastNonce() == nonce) {
            attempt = expired.attempts();
            messageGroup = expired.messageGroup();
            order.delivered(offset, messageGroup);
        } else {
            throw new InvalidReceiptHandleException("receipt handle for offset " + offset + " of " + topic + "/"
                    + queueId + " is not the current delivery");
        }
        long newNonce = nonces.getAsLong();
        long deadline = now + invisibleMillis;
        track(offset, new InFlight(newNonce, deadline, attempt, false, null, now, messageGroup));
        return new Delivery(null, attempt, new ReceiptHandle(topic, queueId, offset, newNonce), deadline);
    }

    /**
     * Applies an acknowledgement from the journal: during startup replay, and on a slave as its master's journal
     * arrives, when the slave may have delivered the message itself meanwhile.
     */
    synchronized void replayAck(long offset) {
        if (offset >= committed) {
            markDone(offset);
        }
    }

    /** Moves the cursor to {@code offset}, forgetting all delivery state (offset reset, pull-mode commit). */
    synchronized void reset(long offset) {
        inFlight.clear();
        deadlines.clear();
        order.clear();
        acked.clear();
        committed = offset;
        next = offset;
    }

    /** Restores the acked ranges of a snapshot (above the committed offset the cursor was created with). */
    synchronized void restoreAcked(List<long[]> ranges) {
        for (long[] range : ranges) {
            acked.add(Math.max(range[0], committed), range[1]);
        }
        advanceCommitted();
    }

    private void markDone(long offset) {
        InFlight out = inFlight.remove(offset);
        Waiting waiting = order.waitingAt(offset);
        if (out != null || waiting != null) {
            order.finished(offset, out != null ? out.messageGroup : waiting.messageGroup());
        }
        acked.add(offset);
        advanceCommitted();
    }

    private void skipTo(long offset) {
        if (offset <= committed) {
            return;
        }
        inFlight.entrySet().removeIf(entry -> {
            if (entry.getKey() >= offset) {
                return false;
            }
            order.finished(entry.getKey(), entry.getValue().messageGroup);
            return true;
        });
        order.dropBelow(offset);
        acked.dropBelow(offset);
        committed = offset;
        next = Math.max(next, offset);
        advanceCommitted();
    }

    private void advanceCommitted() {
        while (true) {
            long end = acked.takeRangeStartingAt(committed);
            if (end == committed) {
                return;
            }
            committed = end;
            // Acks replayed from the journal can reach past what this run has fetched: no need to fetch those.
            next = Math.max(next, end);
        }
    }

    /** The earliest deadline of a delivery in flight, or {@link Long#MAX_VALUE}; may be a stale one. */
    synchronized long earliestDeadline() {
        Deadline first = deadlines.peek();
        return first == null ? Long.MAX_VALUE : first.deadline;
    }

    /** Whether a receive would get a message that was fetched before: redeliverable, or released by its order. */
    synchronized boolean hasReady() {
        return order.hasReady();
    }

    synchronized CursorProgress progress() {
        return new CursorProgress(group, topic, queueId, committed, next, inFlight.size(), order.waiting(),
                acked.toList());
    }

    /** A message out of attempts, to be written to the dead-letter topic. */
    record DeadLetter(StoredMessage message, int attempts) {
    }

    /** The outcome of one {@link #claim}. */
    record Claim(List<Delivery> deliveries, List<DeadLetter> deadLetters) {
        int size() {
            return deliveries.size() + deadLetters.size();
        }
    }
}
