package io.couriermq.namesrv.route;

import java.util.Objects;

/**
 * Names one broker instance: the broker group ({@code brokerName}, shared by a master and its slaves) within a
 * cluster, and the instance's id in the group (0 for the master).
 */
public record BrokerKey(String cluster, String brokerName, long brokerId) {

    public BrokerKey {
        requireText("cluster", cluster);
        requireText("brokerName", brokerName);
        if (brokerId < 0) {
            throw new IllegalArgumentException("brokerId must be 0 (master) or positive (slave), was " + brokerId);
        }
    }

    private static void requireText(String field, String value) {
        if (Objects.requireNonNull(value, field).isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return cluster + "/" + brokerName + "/" + brokerId;
    }
}
