package io.couriermq.broker.core.consume;

import java.util.List;

/**
 * Where one consumer group stands in one queue, for snapshots, admin and metrics.
 *
 * @param committed     every offset below is consumed
 * @param next          the next offset never delivered
 * @param inFlight      deliveries awaiting an ack
 * @param redeliverable deliveries whose invisibility ran out, and (FIFO) messages held back behind their group
 * @param busyMessageGroups FIFO groups only: message groups with a delivery out, their later messages held back
 * @param ackedRanges   acknowledged {@code [start, end)} ranges above {@code committed}
 */
public record CursorProgress(String group, String topic, int queueId, long committed, long next, int inFlight,
                             int redeliverable, int busyMessageGroups, List<long[]> ackedRanges) {
}
