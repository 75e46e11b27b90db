package io.couriermq.server.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Turns the keys of a RocketMQ-style properties file into Spring properties by a {@link KeyTable}. Unknown keys
 * are reported, not fatal, as RocketMQ ignores them too; values are trimmed, as RocketMQ trims them.
 *
 * @param springProperties Spring property to value, in the file's key order (sorted)
 * @param warnings         one line per key that was not applied, naming it and why
 */
public record ConfigTranslation(Map<String, String> springProperties, List<String> warnings) {

    static final String LISTEN_PORT = "listenPort";
    static final String HTTP_PORT = "server.port";

    public ConfigTranslation {
        springProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(springProperties));
        warnings = List.copyOf(warnings);
    }

    /** @throws IllegalArgumentException if {@code listenPort} is not a port number */
    public static ConfigTranslation of(Properties file, KeyTable table) {
        Map<String, String> spring = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            String value = file.getProperty(key).trim();
            if (key.equals(LISTEN_PORT)) {
                spring.put(table.listenPortKey(), Integer.toString(port(value)));
            } else if (key.contains(".")) {
                spring.put(key, value);
            } else if (table.springKey(key).isPresent()) {
                spring.put(table.springKey(key).get(), value);
            } else if (table.notApplied().containsKey(key)) {
                warnings.add(key + " is not applied: " + table.notApplied().get(key));
            } else {
                warnings.add(key + " is not a known setting and is ignored");
            }
        }
        if (file.containsKey(LISTEN_PORT) && !file.containsKey(HTTP_PORT)) {
            spring.put(HTTP_PORT, Integer.toString(port(file.getProperty(LISTEN_PORT).trim())
                    + table.httpPortOffset()));
        }
        return new ConfigTranslation(spring, warnings);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65534) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException("listenPort must be a port number in [1, 65534], was '" + value + "'");
    }
}
