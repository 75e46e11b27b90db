package io.couriermq.broker.core.consume;

import java.util.List;

/**
 * Consumer progress as of a journal position, kept in {@code <storeDir>/config/consumerOffset.json}. A restart
 * loads it and replays the journal from {@code journalOffset}; an entry replayed twice changes nothing.
 */
public record ConsumerOffsetSnapshot(long journalOffset, List<CursorState> cursors) {

    /** One cursor: its committed offset and the acknowledged ranges above it. */
    public record CursorState(String group, String topic, int queueId, long committed, List<long[]> acked) {
    }
}
