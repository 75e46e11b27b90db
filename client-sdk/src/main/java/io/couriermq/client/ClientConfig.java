package io.couriermq.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a client connects: the access point (the NameServer's address, like RocketMQ's namesrvAddr), TLS,
 * the timeout of each request, and the namespace every resource name is qualified with. Immutable; validated when
 * built.
 */
public final class ClientConfig {

    private final String endpoints;
    private final boolean tls;
    private final Duration requestTimeout;
    private final String namespace;

    private ClientConfig(Builder builder) {
        this.endpoints = builder.endpoints;
        this.tls = builder.tls;
        this.requestTimeout = builder.requestTimeout;
        this.namespace = builder.namespace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} of the access point. */
    public String endpoints() {
        return endpoints;
    }

    /** Whether connections use TLS. Server certificates are not verified, as with the official client. */
    public boolean tls() {
        return tls;
    }

    /** Deadline of each request; a long poll gets its polling time on top. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public String toString() {
        return "ClientConfig{endpoints=" + endpoints + ", tls=" + tls + ", requestTimeout=" + requestTimeout
                + ", namespace='" + namespace + "'}";
    }

    /** Defaults: plaintext, 3 s request timeout, empty namespace. The endpoints are required. */
    public static final class Builder {
        private String endpoints;
        private boolean tls;
        private Duration requestTimeout = Duration.ofSeconds(3);
        private String namespace = "";

        private Builder() {
        }

        /** The access point as {@code host:port}, e.g. {@code 127.0.0.1:9876}. */
        public Builder endpoints(String endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        public ClientConfig build() {
            if (endpoints == null || !endpoints.matches("[^:\\s]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}")) {
                throw new IllegalArgumentException("endpoints must be host:port, was " + endpoints);
            }
            if (requestTimeout.isZero() || requestTimeout.isNegative()) {
                throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
            }
            return new ClientConfig(this);
        }
    }
}
