package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.HeartbeatRequest;
import apache.rocketmq.v2.HeartbeatResponse;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the periodic heartbeat to every broker the client has a session with. Brokers keep a client's
 * registration (and, for push consumers, keep renewing its in-flight messages) only while it beats. A broker that
 * answers it never got the client's settings (it restarted and the stream was re-opened before it knew) is told
 * them again; a broker that answers OK is no longer isolated.
 */
final class Heartbeats {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);

    private final Rpc rpc;
    private final TelemetrySessions sessions;
    private final EndpointIsolation isolation;
    private final HeartbeatRequest request;

    Heartbeats(Rpc rpc, TelemetrySessions sessions, EndpointIsolation isolation, HeartbeatRequest request) {
        this.rpc = rpc;
        this.sessions = sessions;
        this.isolation = isolation;
        this.request = request;
    }

    void beat() {
        for (Endpoint endpoint : sessions.endpoints()) {
            rpc.<HeartbeatRequest, HeartbeatResponse>unary(endpoint, request, MessagingServiceStub::heartbeat)
                    .whenComplete((response, failure) -> onAnswer(endpoint, response, failure));
        }
    }

    private void onAnswer(Endpoint endpoint, HeartbeatResponse response, Throwable failure) {
        if (failure != null) {
            LOG.debug("heartbeat to {} failed: {}", endpoint, Statuses.unwrap(failure).getMessage());
        } else if (Statuses.isOk(response.getStatus())) {
            isolation.release(endpoint);
        } else if (response.getStatus().getCode() == Code.UNRECOGNIZED_CLIENT_TYPE) {
            sessions.get(endpoint).ifPresent(TelemetrySession::announce);
        } else {
            LOG.warn("heartbeat to {} answered {}", endpoint, Statuses.toException(response.getStatus()).getMessage());
        }
    }
}
