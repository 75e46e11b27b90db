package io.couriermq.client;

import java.util.List;

/**
 * What one pull read from a queue.
 *
 * @param messages   the messages, in queue order; empty if there were none (yet)
 * @param nextOffset the offset to pull from next
 */
public record PullResult(List<MessageView> messages, long nextOffset) {

    public PullResult {
        messages = List.copyOf(messages);
    }
}
