package io.couriermq.server.route;

import java.util.Optional;

/**
 * RocketMQ's rule for topic names: 1 to 127 characters from letters, digits, {@code %}, {@code |}, {@code -} and
 * {@code _}. Checked before a topic is looked up, so that a client gets ILLEGAL_TOPIC rather than "not found".
 * Checked for every message sent, so the characters are tested in a plain loop rather than by a regular expression.
 */
public final class TopicNameRule {

    public static final int MAX_LENGTH = 127;

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
        if (!hasOnlyLegalCharacters(name)) {
            return Optional.of("topic name '" + name + "' has characters outside [%|a-zA-Z0-9_-]");
        }
        return Optional.empty();
    }

    /** Whether every character of {@code name} is one of {@code [%|a-zA-Z0-9_-]}, the characters names may use. */
    public static boolean hasOnlyLegalCharacters(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '%' || c == '|' || c == '_' || c == '-';
            if (!legal) {
                return false;
            }
        }
        return true;
    }
}
