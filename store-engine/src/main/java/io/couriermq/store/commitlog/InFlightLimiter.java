package io.couriermq.store.commitlog;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the appends that are accepted but not yet complete, by count and by bytes. A caller reserves before
 * enqueueing and the store releases on completion; a reservation that would exceed either bound is refused at
 * once, so a flood of producers gets a fast BUSY instead of an ever-growing queue. Thread-safe.
 */
final class InFlightLimiter {

    private final long maxCount;
    private final long maxBytes;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    InFlightLimiter(long maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    boolean tryReserve(int size) {
        if (count.incrementAndGet() > maxCount) {
            count.decrementAndGet();
            return false;
        }
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    void release(int size) {
        bytes.addAndGet(-size);
        count.decrementAndGet();
    }

    long count() {
        return count.get();
    }

    long bytes() {
        return bytes.get();
    }
}
