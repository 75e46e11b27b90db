package io.couriermq.broker.grpc;

import apache.rocketmq.v2.RecoverOrphanedTransactionCommand;
import apache.rocketmq.v2.TelemetryCommand;
import io.couriermq.broker.core.client.ClientInfo;
import io.couriermq.broker.core.client.ClientKind;
import io.couriermq.broker.core.client.ClientRegistry;
import io.couriermq.broker.core.transaction.OrphanedTransactionProbe;
import io.couriermq.store.StoredMessage;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks producers about transactions they left open, as RocketMQ 5 clients expect: a
 * {@code RecoverOrphanedTransactionCommand} with the message and its transaction id on the Telemetry stream of a
 * live producer that publishes the message's topic (any of them: RocketMQ treats a topic's producers as one group).
 * The producer's transaction checker answers with an EndTransaction call. Successive checks rotate over the
 * producers, so one stuck producer does not keep a transaction from being answered.
 */
final class OrphanedTransactionChecks implements OrphanedTransactionProbe {

    private final ClientRegistry clients;
    private final ProducerStreams streams;
    private final MessageConverter converter;
    private final AtomicInteger rotation = new AtomicInteger();

    OrphanedTransactionChecks(ClientRegistry clients, ProducerStreams streams, MessageConverter converter) {
        this.clients = clients;
        this.streams = streams;
        this.converter = converter;
    }

    @Override
    public boolean ask(StoredMessage message, String transactionId) {
        List<String> producers = clients.list().stream()
                .map(ClientRegistry.Session::info)
                .filter(info -> info.kind() == ClientKind.PRODUCER && info.topics().contains(message.topic()))
                .map(ClientInfo::clientId)
                .filter(id -> clients.isAlive(id) && streams.isConnected(id))
                .toList();
        if (producers.isEmpty()) {
            return false;
        }
        TelemetryCommand command = TelemetryCommand.newBuilder()
                .setRecoverOrphanedTransactionCommand(RecoverOrphanedTransactionCommand.newBuilder()
                        .setMessage(converter.toV2(message, ""))
                        .setTransactionId(transactionId))
                .build();
        int first = Math.floorMod(rotation.getAndIncrement(), producers.size());
        for (int i = 0; i < producers.size(); i++) {
            if (streams.send(producers.get((first + i) % producers.size()), command)) {
                return true;
            }
        }
        return false;
    }
}
