package io.couriermq.tools;

import io.couriermq.proto.namesrv.v1.GetClusterInfoRequest;
import io.couriermq.proto.namesrv.v1.GetClusterInfoResponse;
import io.couriermq.proto.namesrv.v1.ListTopicsRequest;
import io.couriermq.proto.namesrv.v1.NameServerGrpc;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteRequest;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The NameServer's gRPC API over plaintext, with failover across the {@code -n} list: each call goes to the
 * NameServer that answered last and moves on to the next one only when a NameServer cannot be reached. Every
 * failure surfaces as an {@link AdminException} naming the NameServer.
 *
 * <p>Not thread-safe: one command uses it from one thread.
 */
final class NameServerClient implements AutoCloseable {

    private static final long CALL_TIMEOUT_MS = 5_000;
    private static final long SHUTDOWN_TIMEOUT_MS = 1_000;

    private final List<String> addresses;
    private final List<ManagedChannel> channels;
    private int current;

    private NameServerClient(List<String> addresses, List<ManagedChannel> channels) {
        this.addresses = addresses;
        this.channels = channels;
    }

    /** Creates a channel per NameServer; nothing connects until the first call. */
    static NameServerClient open(NameServerAddresses nameServers) {
        List<ManagedChannel> channels = new ArrayList<>();
        for (String address : nameServers.addresses()) {
            channels.add(NettyChannelBuilder.forTarget(address).usePlaintext().build());
        }
        return new NameServerClient(nameServers.addresses(), channels);
    }

    /** The route of a topic; fails with "topic ... does not exist" when no live broker serves it. */
    QueryTopicRouteResponse requireRoute(String topic) {
        QueryTopicRouteResponse route = route(topic);
        if (!route.getFound()) {
            throw new AdminException("topic " + topic + " does not exist");
        }
        return route;
    }

    /** The route of a topic as the NameServer knows it now; not found (and empty) when no live broker serves it. */
    QueryTopicRouteResponse route(String topic) {
        return call(stub -> stub.queryTopicRoute(QueryTopicRouteRequest.newBuilder().setTopic(topic).build()));
    }

    GetClusterInfoResponse clusterInfo() {
        return call(stub -> stub.getClusterInfo(GetClusterInfoRequest.getDefaultInstance()));
    }

    /** Every live broker, masters and slaves. */
    BrokerDirectory brokers() {
        return new BrokerDirectory(clusterInfo().getBrokersList());
    }

    List<String> topics() {
        return call(stub -> stub.listTopics(ListTopicsRequest.getDefaultInstance())).getTopicsList();
    }

    private <T> T call(Function<NameServerGrpc.NameServerBlockingStub, T> rpc) {
        StatusRuntimeException lastFailure = null;
        for (int attempt = 0; attempt < channels.size(); attempt++) {
            int index = (current + attempt) % channels.size();
            NameServerGrpc.NameServerBlockingStub stub = NameServerGrpc.newBlockingStub(channels.get(index))
                    .withDeadlineAfter(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            try {
                T answer = rpc.apply(stub);
                current = index;
                return answer;
            } catch (StatusRuntimeException e) {
                if (!isUnreachable(e.getStatus())) {
                    throw new AdminException("NameServer " + addresses.get(index) + " failed the request: "
                            + describe(e.getStatus()));
                }
                lastFailure = e;
            }
        }
        throw new AdminException("cannot reach NameServer " + String.join(";", addresses) + ": "
                + describe(lastFailure.getStatus()));
    }

    /** Down, too slow, or not a Courier NameServer at all (UNIMPLEMENTED): worth trying the next one. */
    private static boolean isUnreachable(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED
                || status.getCode() == Status.Code.UNIMPLEMENTED;
    }

    /**
     * The most telling part of a gRPC failure, on one line: the network error below it if there is one
     * ("... Connection refused"), else the status and the first line of its description.
     */
    static String describe(Status status) {
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        if (root != null && root.getMessage() != null) {
            return root.getMessage();
        }
        if (status.getDescription() == null) {
            return status.getCode().name();
        }
        return status.getCode() + ": " + status.getDescription().lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
