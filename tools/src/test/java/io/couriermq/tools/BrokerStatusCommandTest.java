package io.couriermq.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class BrokerStatusCommandTest {

    @Test
    void flattensNestedStatusIntoSortedDottedKeys() throws Exception {
        String status = """
                {"brokerName": "broker-a", "nameServers": ["a:9876", "b:9876"],
                 "store": {"diskUsedRatio": 0.25, "writable": true}, "tls": null}
                """;

        assertThat(BrokerStatusCommand.flatten(new ObjectMapper().readTree(status)))
                .containsExactly(
                        entry("brokerName", "broker-a"),
                        entry("nameServers", "a:9876,b:9876"),
                        entry("store.diskUsedRatio", "0.25"),
                        entry("store.writable", "true"),
                        entry("tls", ""));
    }
}
