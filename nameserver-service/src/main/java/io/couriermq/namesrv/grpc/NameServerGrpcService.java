package io.couriermq.namesrv.grpc;

import io.couriermq.namesrv.metrics.NameServerMetrics;
import io.couriermq.namesrv.route.BrokerRegistration;
import io.couriermq.namesrv.route.ClusterInfo;
import io.couriermq.namesrv.route.RegisteredBroker;
import io.couriermq.namesrv.route.RouteTable;
import io.couriermq.proto.namesrv.v1.ClusterData;
import io.couriermq.proto.namesrv.v1.GetClusterInfoRequest;
import io.couriermq.proto.namesrv.v1.GetClusterInfoResponse;
import io.couriermq.proto.namesrv.v1.ListTopicsRequest;
import io.couriermq.proto.namesrv.v1.ListTopicsResponse;
import io.couriermq.proto.namesrv.v1.NameServerGrpc;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteRequest;
import io.couriermq.proto.namesrv.v1.QueryTopicRouteResponse;
import io.couriermq.proto.namesrv.v1.RegisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.RegisterBrokerResponse;
import io.couriermq.proto.namesrv.v1.UnregisterBrokerRequest;
import io.couriermq.proto.namesrv.v1.UnregisterBrokerResponse;
import io.couriermq.server.route.BrokerRole;
import io.couriermq.server.route.RouteProtos;
import io.couriermq.server.route.TopicRoute;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code courier.namesrv.v1.NameServer} service brokers and admin tools call: converts each request, asks the
 * {@link RouteTable}, converts the answer back. Invalid requests fail with gRPC INVALID_ARGUMENT naming the field.
 */
public final class NameServerGrpcService extends NameServerGrpc.NameServerImplBase {

    private final RouteTable table;
    private final NameServerMetrics metrics;

    public NameServerGrpcService(RouteTable table, NameServerMetrics metrics) {
        this.table = table;
        this.metrics = metrics;
    }

    @Override
    public void registerBroker(RegisterBrokerRequest request, StreamObserver<RegisterBrokerResponse> observer) {
        answer(observer, () -> {
            BrokerRegistration registration = BrokerRegistrations.fromProto(request);
            table.register(registration);
            metrics.registered(registration);
            return masterAddresses(registration);
        });
    }

    @Override
    public void unregisterBroker(UnregisterBrokerRequest request, StreamObserver<UnregisterBrokerResponse> observer) {
        answer(observer, () -> {
            table.unregister(BrokerRegistrations.key(request.getIdentity()));
            return UnregisterBrokerResponse.getDefaultInstance();
        });
    }

    @Override
    public void queryTopicRoute(QueryTopicRouteRequest request, StreamObserver<QueryTopicRouteResponse> observer) {
        answer(observer, () -> {
            Optional<TopicRoute> route = table.queryRoute(request.getTopic());
            metrics.routeQueried(route.isPresent());
            return route.map(RouteProtos::toProto).orElse(QueryTopicRouteResponse.getDefaultInstance());
        });
    }

    @Override
    public void getClusterInfo(GetClusterInfoRequest request, StreamObserver<GetClusterInfoResponse> observer) {
        answer(observer, () -> {
            ClusterInfo info = table.clusterInfo();
            GetClusterInfoResponse.Builder response = GetClusterInfoResponse.newBuilder();
            info.brokerNamesByCluster().forEach((cluster, names) -> response.addClusters(
                    ClusterData.newBuilder().setClusterName(cluster).addAllBrokerNames(names)));
            info.brokers().forEach(group -> response.addBrokers(RouteProtos.toProto(group)));
            return response.build();
        });
    }

    @Override
    public void listTopics(ListTopicsRequest request, StreamObserver<ListTopicsResponse> observer) {
        answer(observer, () -> ListTopicsResponse.newBuilder().addAllTopics(table.topics()).build());
    }

    /** A slave learns where its master is; masters and slaves without a registered master get empty fields. */
    private RegisterBrokerResponse masterAddresses(BrokerRegistration registration) {
        if (registration.role() != BrokerRole.SLAVE) {
            return RegisterBrokerResponse.getDefaultInstance();
        }
        return table.master(registration.key().cluster(), registration.key().brokerName())
                .map(RegisteredBroker::registration)
                .map(master -> RegisterBrokerResponse.newBuilder().setMasterHaAddress(master.haAddress())
                        .setMasterGrpcAddress(master.grpcAddress()).setMasterAdminAddress(master.adminAddress())
                        .build())
                .orElse(RegisterBrokerResponse.getDefaultInstance());
    }

    /** Completes the call with the answer, or with INVALID_ARGUMENT when the request was refused. */
    private static <R> void answer(StreamObserver<R> observer, Supplier<R> call) {
        R response;
        try {
            response = call.get();
        } catch (IllegalArgumentException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
