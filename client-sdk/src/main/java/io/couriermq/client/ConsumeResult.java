package io.couriermq.client;

/** What a {@link MessageListener} made of a message. */
public enum ConsumeResult {
    /** Consumed: the message is acknowledged. */
    SUCCESS,
    /** Not consumed: the message is delivered again after the group's backoff for its attempt. */
    FAILURE
}
