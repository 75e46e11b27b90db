package io.couriermq.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message as a consumer received it. Read-only. Its body was checked against the digest the broker sent; a
 * mismatch marks it {@link #corrupted()} (a push consumer never hands such a message to its listener).
 */
public interface MessageView {

    /** The id the producer gave the message (34 hex characters for Courier and RocketMQ 5 producers). */
    String messageId();

    String topic();

    /** A copy of the body, decompressed if the producer compressed it. */
    byte[] body();

    Optional<String> tag();

    List<String> keys();

    /** User properties. */
    Map<String, String> properties();

    Optional<String> messageGroup();

    Optional<Instant> deliveryTimestamp();

    int queueId();

    long queueOffset();

    /** 1 on the first delivery, one more for each redelivery (or local retry of a FIFO push consumer). */
    int deliveryAttempt();

    Instant bornTimestamp();

    String bornHost();

    Optional<Instant> storeTimestamp();

    /** True if the body does not match the digest the broker sent with it. */
    boolean corrupted();
}
