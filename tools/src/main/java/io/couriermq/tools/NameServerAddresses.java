package io.couriermq.tools;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -n} option: RocketMQ's NameServer list, {@code host:port} entries separated by ';'. NameServers do not
 * replicate each other, but every broker registers with all of them, so any one that answers will do.
 */
record NameServerAddresses(List<String> addresses) {

    NameServerAddresses {
        addresses = List.copyOf(addresses);
    }

    static NameServerAddresses parse(String value) {
        List<String> addresses = new ArrayList<>();
        for (String part : value.split(";")) {
            String address = part.trim();
            if (address.isEmpty()) {
                continue;
            }
            if (!address.matches(".+:\\d{1,5}")) {
                throw new IllegalArgumentException("NameServer address '" + address + "' is not host:port");
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no NameServer address in '" + value + "'");
        }
        return new NameServerAddresses(addresses);
    }

    /** The list as the user wrote it (normalized), for messages. */
    @Override
    public String toString() {
        return String.join(";", addresses);
    }

    /** Lets picocli report a malformed list as a usage error. */
    static final class Converter implements CommandLine.ITypeConverter<NameServerAddresses> {
        @Override
        public NameServerAddresses convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
