package io.couriermq.broker.core.consume;

import java.util.TreeMap;

/** {@link DeliveryOrder#unordered()}: only expired deliveries wait, and they go out again lowest offset first. */
final class UnorderedDelivery implements DeliveryOrder {

    private final TreeMap<Long, Waiting> redeliverable = new TreeMap<>();

    @Override
    public void beginClaim() {
    }

    @Override
    public long nextWaiting() {
        return redeliverable.isEmpty() ? -1 : redeliverable.firstKey();
    }

    @Override
    public boolean admit(long offset, String messageGroup) {
        return true;
    }

    @Override
    public void delivered(long offset, String messageGroup) {
        redeliverable.remove(offset);
    }

    @Override
    public void expired(long offset, Waiting waiting) {
        redeliverable.put(offset, waiting);
    }

    @Override
    public void finished(long offset, String messageGroup) {
        redeliverable.remove(offset);
    }

    @Override
    public Waiting waitingAt(long offset) {
        return redeliverable.get(offset);
    }

    @Override
    public int waiting() {
        return redeliverable.size();
    }

    @Override
    public boolean hasReady() {
        return !redeliverable.isEmpty();
    }

    @Override
    public void dropBelow(long offset) {
        redeliverable.headMap(offset).clear();
    }

    @Override
    public void clear() {
        redeliverable.clear();
    }
}
