package io.couriermq.client.internal;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.FilterExpression;
import apache.rocketmq.v2.MessagingServiceGrpc.MessagingServiceStub;
import apache.rocketmq.v2.ReceiveMessageRequest;
import apache.rocketmq.v2.ReceiveMessageResponse;
import apache.rocketmq.v2.Status;
import com.google.protobuf.util.Durations;
import io.couriermq.client.ClientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ReceiveMessage for simple and push consumers. The broker streams a status, the messages and a timestamp; the
 * stream is read as a whole. MESSAGE_NOT_FOUND (nothing arrived during the long poll) is an empty result, any
 * other non-OK status a failure, and a stream without status a broken answer.
 */
final class MessageReceiver {

    private final ClientRuntime runtime;
    private final String group;

    MessageReceiver(ClientRuntime runtime, String group) {
        this.runtime = runtime;
        this.group = group;
    }

    /**
     * @param invisible how long received messages stay invisible; null asks the broker to keep them invisible
     *                  while this client lives (push consumers)
     * @param attemptId identifies a retry of a receive that timed out, so the broker may answer it alike; null
     *                  for a new receive
     */
    CompletableFuture<List<ReceivedMessage>> receive(QueueRoute queue, FilterExpression filter, int batchSize,
                                                     Duration invisible, Duration longPoll, String attemptId) {
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.newBuilder()
                .setGroup(runtime.resource(group))
                .setMessageQueue(queue.queue())
                .setFilterExpression(filter)
                .setBatchSize(batchSize)
                .setLongPollingTimeout(Durations.fromMillis(longPoll.toMillis()))
                .setAutoRenew(invisible == null);
        if (invisible != null) {
            request.setInvisibleDuration(Durations.fromMillis(invisible.toMillis()));
        }
        if (attemptId != null) {
            request.setAttemptId(attemptId);
        }
        Duration deadline = longPoll.plus(runtime.rpc().requestTimeout());
        return runtime.rpc().<ReceiveMessageRequest, ReceiveMessageResponse>stream(queue.endpoint(), request.build(),
                deadline, MessagingServiceStub::receiveMessage).thenApply(responses -> messages(queue, responses));
    }

    private static List<ReceivedMessage> messages(QueueRoute queue, List<ReceiveMessageResponse> responses) {
        Status status = null;
        List<ReceivedMessage> messages = new ArrayList<>();
        for (ReceiveMessageResponse response : responses) {
            if (response.hasStatus() && status == null) {
                status = response.getStatus();
            } else if (response.hasMessage()) {
                messages.add(ReceivedMessage.decode(response.getMessage(), queue.endpoint()));
            }
        }
        if (status == null) {
            throw new ClientException(Code.INTERNAL_SERVER_ERROR_VALUE, "the broker " + queue.endpoint()
                    + " answered a receive without a status");
        }
        if (status.getCode() == Code.MESSAGE_NOT_FOUND) {
            return List.of();
        }
        Statuses.check(status);
        return messages;
    }
}
