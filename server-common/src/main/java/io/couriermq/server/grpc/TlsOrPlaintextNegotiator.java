package io.couriermq.server.grpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.AsciiString;

import java.util.List;

/**
 * Serves TLS and plaintext gRPC on one port. The official RocketMQ 5 clients use TLS unless told otherwise and
 * trust any certificate, while tools and our own SDK often speak plaintext; rather than make users pick, each new
 * connection's first bytes decide: a TLS record header gets the TLS handler, anything else plaintext HTTP/2.
 *
 * <p>This plugs into grpc-java's Netty transport through its {@code Internal*} negotiator API, the supported
 * hook for custom handshakes on the server side.
 */
public final class TlsOrPlaintextNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    /** A TLS record header is 5 bytes; fewer cannot be classified. */
    private static final int TLS_RECORD_HEADER_LENGTH = 5;

    private final SslContext sslContext;

    public TlsOrPlaintextNegotiator(SslContext sslContext) {
        this.sslContext = sslContext;
    }

    @Override
    public AsciiString scheme() {
        return AsciiString.of("https");
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new Sniffer(grpcHandler, sslContext);
    }

    @Override
    public void close() {
        // Nothing to release: the SSL context lives as long as the server.
    }

    /** Waits for the first bytes of a connection, installs the matching handler, and steps out of the way. */
    private static final class Sniffer extends ByteToMessageDecoder {
        private final GrpcHttp2ConnectionHandler grpcHandler;
        private final SslContext sslContext;

        Sniffer(GrpcHttp2ConnectionHandler grpcHandler, SslContext sslContext) {
            this.grpcHandler = grpcHandler;
            this.sslContext = sslContext;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (in.readableBytes() < TLS_RECORD_HEADER_LENGTH) {
                return;
            }
            InternalProtocolNegotiator.ProtocolNegotiator chosen = SslHandler.isEncrypted(in)
                    ? InternalProtocolNegotiators.serverTls(sslContext)
                    : InternalProtocolNegotiators.serverPlaintext();
            ctx.pipeline().addAfter(ctx.name(), null, chosen.newHandler(grpcHandler));
            ctx.fireUserEventTriggered(InternalProtocolNegotiationEvent.getDefault());
            ctx.pipeline().remove(this);
        }
    }
}
