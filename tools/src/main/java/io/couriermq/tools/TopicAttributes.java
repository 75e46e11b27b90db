package io.couriermq.tools;

import picocli.CommandLine;

import java.util.Locale;
import java.util.Set;

/**
 * updateTopic's {@code -a} option. RocketMQ writes topic attributes as {@code +key=value} (add or change), comma
 * separated; the only attribute Courier topics have is {@code message.type}, so that is the only one accepted.
 * The option's value is the message type in upper case.
 */
final class TopicAttributes implements CommandLine.ITypeConverter<String> {

    static final String MESSAGE_TYPE = "message.type";
    static final Set<String> MESSAGE_TYPES = Set.of("NORMAL", "FIFO", "DELAY", "TRANSACTION", "MIXED");

    @Override
    public String convert(String value) {
        try {
            return messageType(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static String messageType(String attributes) {
        String type = null;
        for (String attribute : attributes.split(",")) {
            String entry = attribute.trim();
            int equals = entry.indexOf('=');
            if (!entry.startsWith("+") || equals < 0) {
                throw new IllegalArgumentException("attribute '" + entry + "' is not of the form +key=value");
            }
            String key = entry.substring(1, equals).trim();
            if (!key.equals(MESSAGE_TYPE)) {
                throw new IllegalArgumentException("unsupported attribute '" + key + "'; only +" + MESSAGE_TYPE
                        + "=NORMAL|FIFO|DELAY|TRANSACTION|MIXED is");
            }
            type = entry.substring(equals + 1).trim().toUpperCase(Locale.ROOT);
            if (!MESSAGE_TYPES.contains(type)) {
                throw new IllegalArgumentException("message.type '" + entry.substring(equals + 1).trim()
                        + "' is not one of NORMAL, FIFO, DELAY, TRANSACTION, MIXED");
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("no attribute in '" + attributes + "'");
        }
        return type;
    }
}
