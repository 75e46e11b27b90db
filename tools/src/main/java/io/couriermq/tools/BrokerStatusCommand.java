package io.couriermq.tools;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Command(name = "brokerStatus", description = "Print a broker's runtime status as key : value lines.")
final class BrokerStatusCommand extends AdminCommand {

    @Option(names = "-b", required = true, paramLabel = "<brokerAddr>",
            description = "broker address (host:port, as clusterList shows it)")
    String brokerAddress;

    @Override
    void run() {
        Broker broker = nameServer().brokers().byAddress(brokerAddress);
        flatten(brokerAdmin().status(broker)).forEach((key, value) -> out().printf("%-32s: %s%n", key, value));
    }

    /**
     * The status as sorted key/value pairs: nested objects become dotted keys ({@code store.diskUsedRatio}), so
     * whatever the broker adds to its status shows up without changes here; arrays are joined with commas.
     */
    static Map<String, String> flatten(JsonNode status) {
        Map<String, String> entries = new TreeMap<>();
        flatten("", status, entries);
        return entries;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> entries) {
        if (node.isObject()) {
            node.properties().forEach(field -> flatten(prefix.isEmpty() ? field.getKey()
                    : prefix + "." + field.getKey(), field.getValue(), entries));
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(element -> values.add(element.isValueNode() ? element.asText() : element.toString()));
            entries.put(prefix, String.join(",", values));
        } else {
            entries.put(prefix, node.isNull() ? "" : node.asText());
        }
    }
}
