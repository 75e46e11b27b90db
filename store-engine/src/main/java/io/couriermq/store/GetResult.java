package io.couriermq.store;

import java.util.List;

/**
 * Messages read from one queue.
 *
 * @param nextOffset where the next read should start
 * @param minOffset  the queue's first offset at the time of the read
 * @param maxOffset  the queue's end at the time of the read
 */
public record GetResult(GetStatus status, List<StoredMessage> messages, long nextOffset, long minOffset,
                        long maxOffset) {

    public GetResult {
        messages = List.copyOf(messages);
    }

    static GetResult empty(GetStatus status, long nextOffset, long minOffset, long maxOffset) {
        return new GetResult(status, List.of(), nextOffset, minOffset, maxOffset);
    }
}
