package io.couriermq.client.internal;

import apache.rocketmq.v2.ChangeInvisibleDurationRequest;
import apache.rocketmq.v2.ChangeInvisibleDurationResponse;
import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.ForwardMessageToDeadLetterQueueRequest;
import apache.rocketmq.v2.ForwardMessageToDeadLetterQueueResponse;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import com.google.protobuf.util.Durations;
import io.couriermq.client.ClientException;
import io.couriermq.client.MessageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a consumer does with a received message once it has dealt with it: acknowledge it, make it invisible for a
 * while (to have it redelivered later, or to keep it longer), or move it to the group's dead-letter queue. Each
 * goes to the broker the message came from, with the message's current receipt handle.
 */
final class Settlements {

    private static final Logger LOG = LoggerFactory.getLogger(Settlements.class);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final ClientRuntime runtime;
    private final String group;
    private final AckBatcher acks;
    private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();

    Settlements(ClientRuntime runtime, String group) {
        this.runtime = runtime;
        this.group = group;
        this.acks = new AckBatcher(runtime, group);
    }

    /** The view as a message this client received and can settle. */
    static ReceivedMessage settleable(MessageView view) {
        if (view instanceof ReceivedMessage received && received.receiptHandle() != null) {
            return received;
        }
        throw new ClientException(Code.INVALID_RECEIPT_HANDLE_VALUE,
                "only messages received by a simple or push consumer can be acknowledged: " + view);
    }

    /** Acknowledges the message; acks bound for one broker and topic travel together ({@link AckBatcher}). */
    CompletableFuture<Void> ack(ReceivedMessage message) {
        return acks.ack(message);
    }

    /** Makes the message invisible for {@code invisible} from now; its receipt handle is replaced by the new one. */
    CompletableFuture<Void> changeInvisibleDuration(ReceivedMessage message, Duration invisible) {
        ChangeInvisibleDurationRequest request = ChangeInvisibleDurationRequest.newBuilder()
                .setGroup(runtime.resource(group))
                .setTopic(runtime.resource(message.topic()))
                .setReceiptHandle(message.receiptHandle())
                .setInvisibleDuration(Durations.fromMillis(invisible.toMillis()))
                .setMessageId(message.messageId())
                .build();
        return runtime.rpc().<ChangeInvisibleDurationRequest, ChangeInvisibleDurationResponse>unary(
                message.endpoint(), request, MessagingServiceStub::changeInvisibleDuration).thenAccept(response -> {
                    Statuses.check(response.getStatus());
                    message.receiptHandle(response.getReceiptHandle());
                });
    }

    CompletableFuture<Void> forwardToDeadLetterQueue(ReceivedMessage message, int maxAttempts) {
        ForwardMessageToDeadLetterQueueRequest request = ForwardMessageToDeadLetterQueueRequest.newBuilder()
                .setGroup(runtime.resource(group))
                .setTopic(runtime.resource(message.topic()))
                .setReceiptHandle(message.receiptHandle())
                .setMessageId(message.messageId())
                .setDeliveryAttempt(message.deliveryAttempt())
                .setMaxDeliveryAttempts(maxAttempts)
                .build();
        return runtime.rpc().<ForwardMessageToDeadLetterQueueRequest, ForwardMessageToDeadLetterQueueResponse>unary(
                        message.endpoint(), request, MessagingServiceStub::forwardMessageToDeadLetterQueue)
                .thenAccept(response -> Statuses.check(response.getStatus()));
    }

    /**
     * Runs a settlement until it succeeds, once a second, as push consumers must: the message stays with this
     * client until then. Gives up when the receipt handle is no longer valid (the message was redelivered; its
     * new delivery will be settled instead) or the client closes. Completes normally either way.
     */
    CompletableFuture<Void> untilDone(String what, ReceivedMessage message, Supplier<CompletableFuture<Void>> settle) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        done.whenComplete((ok, never) -> pending.remove(done));
        attempt(what, message, settle, done);
        return done;
    }

    /** Completes when the settlements running now are done, for an orderly close. */
    CompletableFuture<Void> drained() {
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    private void attempt(String what, ReceivedMessage message, Supplier<CompletableFuture<Void>> settle,
                         CompletableFuture<Void> done) {
        settle.get().whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
                return;
            }
            ClientException error = Statuses.unwrap(failure);
            if (error.code() == Code.INVALID_RECEIPT_HANDLE_VALUE || runtime.isClosed()) {
                LOG.debug("giving up to {} {}: {}", what, message, error.getMessage());
                done.complete(null);
                return;
            }
            LOG.warn("failed to {} {}, retrying in {}: {}", what, message, RETRY_INTERVAL, error.getMessage());
            if (!runtime.threads().schedule(RETRY_INTERVAL, () -> attempt(what, message, settle, done))) {
                done.complete(null);
            }
        });
    }
}
