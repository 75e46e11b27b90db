package io.couriermq.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameServerAddressesTest {

    @Test
    void parsesRocketMqStyleListIgnoringBlanks() {
        NameServerAddresses addresses = NameServerAddresses.parse(" 10.0.0.1:9876; ;namesrv-b:9876;");

        assertThat(addresses.addresses()).containsExactly("10.0.0.1:9876", "namesrv-b:9876");
        assertThat(addresses).hasToString("10.0.0.1:9876;namesrv-b:9876");
    }

    @Test
    void refusesEntryWithoutPort() {
        assertThatThrownBy(() -> NameServerAddresses.parse("10.0.0.1:9876;namesrv-b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NameServer address 'namesrv-b' is not host:port");
    }

    @Test
    void refusesEmptyList() {
        assertThatThrownBy(() -> NameServerAddresses.parse(" ; "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no NameServer address");
    }
}
