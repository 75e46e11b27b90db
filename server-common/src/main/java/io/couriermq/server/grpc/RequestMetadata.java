package io.couriermq.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * What the RocketMQ v2 clients send in headers with every call (client id, language, version, request id) and
 * where the call came from, made available to service code through the gRPC {@link Context}.
 *
 * @param clientId      {@code x-mq-client-id}: the key for all per-client state
 * @param remoteAddress the peer's address as this server sees the connection
 */
public record RequestMetadata(String clientId, String language, String clientVersion, String requestId,
                              String namespace, InetSocketAddress remoteAddress) {

    public static final Metadata.Key<String> CLIENT_ID = header("x-mq-client-id");
    public static final Metadata.Key<String> LANGUAGE = header("x-mq-language");
    public static final Metadata.Key<String> CLIENT_VERSION = header("x-mq-client-version");
    public static final Metadata.Key<String> REQUEST_ID = header("x-mq-request-id");
    public static final Metadata.Key<String> NAMESPACE = header("x-mq-namespace");

    private static final Context.Key<RequestMetadata> CONTEXT_KEY = Context.key("courier-request-metadata");
    private static final InetSocketAddress UNKNOWN = new InetSocketAddress(0);

    private static Metadata.Key<String> header(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /** The metadata of the call being served on this thread. */
    public static RequestMetadata current() {
        RequestMetadata metadata = CONTEXT_KEY.get();
        return metadata == null ? new RequestMetadata("", "", "", "", "", UNKNOWN) : metadata;
    }

    /** The interceptor that captures the metadata of every call. */
    public static ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                RequestMetadata metadata = new RequestMetadata(
                        valueOrEmpty(headers, CLIENT_ID), valueOrEmpty(headers, LANGUAGE),
                        valueOrEmpty(headers, CLIENT_VERSION), valueOrEmpty(headers, REQUEST_ID),
                        valueOrEmpty(headers, NAMESPACE),
                        remote instanceof InetSocketAddress inet ? inet : UNKNOWN);
                return Contexts.interceptCall(Context.current().withValue(CONTEXT_KEY, metadata), call, headers, next);
            }
        };
    }

    private static String valueOrEmpty(Metadata headers, Metadata.Key<String> key) {
        String value = headers.get(key);
        return value == null ? "" : value;
    }
}
