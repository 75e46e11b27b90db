package io.couriermq.namesrv.config;

import io.couriermq.server.launch.ConfigTranslation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The NameServer's key table against its properties, and the shipped conf/namesrv.properties. */
class RocketMqNamesrvKeysTest {

    @Test
    void everyTranslatedKeyNamesANameServerProperty() {
        var names = Arrays.stream(NameServerProperties.class.getRecordComponents()).map(RecordComponent::getName)
                .map(name -> "courier.namesrv." + name).toList();

        assertThat(RocketMqNamesrvKeys.TABLE.renames().values()).allSatisfy(key -> assertThat(names).contains(key));
        assertThat(names).contains(RocketMqNamesrvKeys.TABLE.listenPortKey());
    }

    @Test
    void theShippedFileListensWhereRocketMqsNameServerDoes() throws IOException {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", "conf", "namesrv.properties"))) {
            file.load(reader);
        }

        ConfigTranslation translation = ConfigTranslation.of(file, RocketMqNamesrvKeys.TABLE);

        assertThat(translation.warnings()).isEmpty();
        assertThat(translation.springProperties()).containsEntry("courier.namesrv.grpcPort", "9876")
                .containsEntry("server.port", "9877");
    }
}
