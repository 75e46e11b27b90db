package io.couriermq.broker.core.consume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What recent receives handed out, by the client's attempt id, so that the retry of a receive whose answer the
 * client never got (its call timed out) is answered with the same deliveries rather than finding them invisible.
 * This matters most for FIFO groups, whose next messages wait behind the lost ones. Only handles are kept, a few
 * dozen bytes each; the oldest attempts are forgotten first.
 *
 * <p>Thread-safe.
 */
final class ReceiveAttempts {

    private record Key(String group, String attemptId) {
    }

    private final Map<Key, List<ReceiptHandle>> attempts;

    ReceiveAttempts(int capacity) {
        this.attempts = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, List<ReceiptHandle>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String group, String attemptId, List<Delivery> deliveries) {
        if (attemptId != null && !deliveries.isEmpty()) {
            attempts.put(new Key(group, attemptId), deliveries.stream().map(Delivery::handle).toList());
        }
    }

    /** The handles an earlier receive with this attempt id got, or an empty list. */
    synchronized List<ReceiptHandle> handedOut(String group, String attemptId) {
        return attemptId == null ? List.of() : attempts.getOrDefault(new Key(group, attemptId), List.of());
    }
}
