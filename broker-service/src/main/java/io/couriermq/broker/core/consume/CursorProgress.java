package io.couriermq.broker.core.consume;

import java.util.List;

/**
 * Where one consumer group stands in one queue, for snapshots, admin and metrics.
 *
 * @param committed     every offset below is consumed
 * @param next          the next offset never delivered
 * @param inFlight      deliveries awaiting an ack
 * @param redeliverable deliveries whose invisibility ran out, waiting to be delivered again
 * @param ackedRanges   acknowledged {@code [start, end)} ranges above {@code committed}
 */
public record CursorProgress(String group, String topic, int queueId, long committed, long next, int inFlight,
                             int redeliverable, List<long[]> ackedRanges) {
}
