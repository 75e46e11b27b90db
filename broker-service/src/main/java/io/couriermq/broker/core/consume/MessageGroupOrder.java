package io.couriermq.broker.core.consume;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link DeliveryOrder#byMessageGroup()}: FIFO consumption. A message group whose messages are out with a consumer
 * is busy: its later messages are held back until everything out is done, and then go out in offset order. A receive
 * may take several consecutive messages of an idle group at once (the consumer works through a batch in order);
 * the group is then busy until all of them are done. Expired deliveries wait in their group's line too, so a
 * redelivered message is never overtaken by its successors. Messages without a group are not ordered.
 */
final class MessageGroupOrder implements DeliveryOrder {

    /** One message group's state. */
    private static final class Lane {
        /** Deliveries of the group out with consumers. */
        int out;
        /** The group's messages waiting to go out, in offset order. */
        final TreeMap<Long, Waiting> waiting = new TreeMap<>();
        /** Its key in {@code ready} while it is there. */
        Long readyAt;
    }

    private final Map<String, Lane> lanes = new HashMap<>();
    /** Groups that may send now, by the offset of their first waiting message. */
    private final TreeMap<Long, String> ready = new TreeMap<>();
    /** Groups idle when the current claim began that it has since given messages: they may take more in it. */
    private Set<String> opened = new HashSet<>();
    /** Every waiting message, grouped or not. */
    private final TreeMap<Long, Waiting> allWaiting = new TreeMap<>();
    /** Waiting messages without a group: always free to go. */
    private final TreeMap<Long, Waiting> ungrouped = new TreeMap<>();

    @Override
    public void beginClaim() {
        Set<String> closing = opened;
        opened = new HashSet<>();
        closing.forEach(this::refresh);
    }

    @Override
    public long nextWaiting() {
        Long grouped = ready.isEmpty() ? null : ready.firstKey();
        Long loose = ungrouped.isEmpty() ? null : ungrouped.firstKey();
        if (grouped == null) {
            return loose == null ? -1 : loose;
        }
        return loose == null ? grouped : Math.min(grouped, loose);
    }

    @Override
    public boolean admit(long offset, String messageGroup) {
        if (messageGroup == null) {
            return true;
        }
        Lane lane = lanes.get(messageGroup);
        if (lane == null || (lane.waiting.isEmpty() && mayGo(messageGroup, lane))) {
            return true;
        }
        Waiting held = new Waiting(messageGroup, 0, 0);
        lane.waiting.put(offset, held);
        allWaiting.put(offset, held);
        refresh(messageGroup);
        return false;
    }

    @Override
    public void delivered(long offset, String messageGroup) {
        allWaiting.remove(offset);
        if (messageGroup == null) {
            ungrouped.remove(offset);
            return;
        }
        Lane lane = lanes.computeIfAbsent(messageGroup, g -> new Lane());
        if (lane.out == 0) {
            opened.add(messageGroup);
        }
        lane.out++;
        lane.waiting.remove(offset);
        refresh(messageGroup);
    }

    @Override
    public void expired(long offset, Waiting waiting) {
        allWaiting.put(offset, waiting);
        if (waiting.messageGroup() == null) {
            ungrouped.put(offset, waiting);
            return;
        }
        Lane lane = lanes.get(waiting.messageGroup());
        lane.out--;
        lane.waiting.put(offset, waiting);
        refresh(waiting.messageGroup());
    }

    @Override
    public void finished(long offset, String messageGroup) {
        boolean wasWaiting = allWaiting.remove(offset) != null;
        if (messageGroup == null) {
            ungrouped.remove(offset);
            return;
        }
        Lane lane = lanes.get(messageGroup);
        if (lane == null) {
            return;
        }
        if (wasWaiting) {
            lane.waiting.remove(offset);
        } else {
            lane.out--;
        }
        refresh(messageGroup);
    }

    @Override
    public Waiting waitingAt(long offset) {
        return allWaiting.get(offset);
    }

    @Override
    public int waiting() {
        return allWaiting.size();
    }

    @Override
    public boolean hasReady() {
        return !ready.isEmpty() || !ungrouped.isEmpty();
    }

    @Override
    public void dropBelow(long offset) {
        Map<Long, Waiting> dropped = allWaiting.headMap(offset);
        Set<String> touched = new HashSet<>();
        dropped.forEach((droppedOffset, waiting) -> {
            if (waiting.messageGroup() == null) {
                ungrouped.remove(droppedOffset);
            } else {
                lanes.get(waiting.messageGroup()).waiting.remove(droppedOffset);
                touched.add(waiting.messageGroup());
            }
        });
        dropped.clear();
        touched.forEach(this::refresh);
    }

    @Override
    public void clear() {
        lanes.clear();
        ready.clear();
        opened.clear();
        allWaiting.clear();
        ungrouped.clear();
    }

    private boolean mayGo(String messageGroup, Lane lane) {
        return lane.out == 0 || opened.contains(messageGroup);
    }

    /** Puts the group in {@code ready} at its first waiting offset if it may go, or takes it out; drops idle lanes. */
    private void refresh(String messageGroup) {
        Lane lane = lanes.get(messageGroup);
        if (lane == null) {
            return;
        }
        if (lane.readyAt != null) {
            ready.remove(lane.readyAt);
            lane.readyAt = null;
        }
        if (lane.waiting.isEmpty()) {
            if (lane.out == 0 && !opened.contains(messageGroup)) {
                lanes.remove(messageGroup);
            }
            return;
        }
        if (mayGo(messageGroup, lane)) {
            lane.readyAt = lane.waiting.firstKey();
            ready.put(lane.readyAt, messageGroup);
        }
    }
}
