package io.couriermq.broker.core.timer;

import io.couriermq.broker.core.produce.SendException;
import io.couriermq.broker.core.topic.TopicNames;
import io.couriermq.broker.core.produce.Envelope;
import io.couriermq.store.Message;

import java.time.Clock;
import java.time.Instant;

/**
 * Decides where a delay message is written: parked in the timer topic ({@link TopicNames#TIMER_TOPIC}) while its
 * delivery time is still to come, in its own topic when that time has passed. The caller appends the result the
 * way every send is appended (so a SYNC_MASTER waits for its slave here too); the {@link TimerWheel} picks parked
 * messages up from the log.
 */
public final class DelayParking {

    private final TimerConfig config;
    private final Clock clock;

    DelayParking(TimerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * The message to append for a send due at {@code deliverAtMillis}.
     *
     * @throws SendException ILLEGAL_DELIVERY_TIME for a time beyond {@link TimerConfig#maxDelay()} from now
     */
    public Message park(Message message, long deliverAtMillis) {
        long now = clock.millis();
        if (deliverAtMillis > now + config.maxDelay().toMillis()) {
            throw new SendException(SendException.Reason.ILLEGAL_DELIVERY_TIME, "delivery time "
                    + Instant.ofEpochMilli(deliverAtMillis) + " is more than timerMaxDelaySec ("
                    + config.maxDelay().toSeconds() + " s) ahead");
        }
        return deliverAtMillis <= now ? message : Envelope.park(message, TopicNames.TIMER_TOPIC);
    }
}
