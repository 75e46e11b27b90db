package io.couriermq.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The SDK's version, sent as {@code x-mq-client-version}; the build writes it into a resource. */
final class ClientVersion {

    static final String VALUE = load();

    private ClientVersion() {
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = ClientVersion.class.getResourceAsStream("client-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SDK version resource", e);
        }
        return properties.getProperty("version", "unknown");
    }
}
