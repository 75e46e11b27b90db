package io.couriermq.server.route;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RocketMQ's rule for topic names: 1 to 127 characters from letters, digits, {@code %}, {@code |}, {@code -} and
 * {@code _}. Checked before a topic is looked up, so that a client gets ILLEGAL_TOPIC rather than "not found".
 */
public final class TopicNameRule {

    public static final int MAX_LENGTH = 127;

    private static final Pattern LEGAL = Pattern.compile("[%|a-zA-Z0-9_-]+");

    private TopicNameRule() {
    }

    /** Why {@code name} is not a legal topic name; empty if it is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("topic name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("topic name has " + name.length() + " characters, more than " + MAX_LENGTH);
        }
        if (!LEGAL.matcher(name).matches()) {
            return Optional.of("topic name '" + name + "' has characters outside [%|a-zA-Z0-9_-]");
        }
        return Optional.empty();
    }
}
