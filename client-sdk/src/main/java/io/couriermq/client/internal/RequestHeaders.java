package io.couriermq.client.internal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Adds the metadata the v2 protocol expects on every call, Telemetry streams included: who the client is
 * ({@code x-mq-client-id}, language, protocol, version), a fresh request id and the time of the call, and the
 * namespace. The time is UTC, as its trailing {@code Z} says.
 */
final class RequestHeaders implements ClientInterceptor {

    static final Metadata.Key<String> CLIENT_ID = key("x-mq-client-id");
    static final Metadata.Key<String> LANGUAGE = key("x-mq-language");
    static final Metadata.Key<String> PROTOCOL = key("x-mq-protocol");
    static final Metadata.Key<String> CLIENT_VERSION = key("x-mq-client-version");
    static final Metadata.Key<String> REQUEST_ID = key("x-mq-request-id");
    static final Metadata.Key<String> DATE_TIME = key("x-mq-date-time");
    static final Metadata.Key<String> NAMESPACE = key("x-mq-namespace");

    private static final DateTimeFormatter DATE_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final String clientId;
    private final String namespace;

    RequestHeaders(String clientId, String namespace) {
        this.clientId = clientId;
        this.namespace = namespace;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(CLIENT_ID, clientId);
                headers.put(LANGUAGE, "JAVA");
                headers.put(PROTOCOL, "v2");
                headers.put(CLIENT_VERSION, ClientVersion.VALUE);
                headers.put(REQUEST_ID, UUID.randomUUID().toString());
                headers.put(DATE_TIME, ZonedDateTime.now(ZoneOffset.UTC).format(DATE_TIME_FORMAT));
                headers.put(NAMESPACE, namespace);
                super.start(listener, headers);
            }
        };
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
