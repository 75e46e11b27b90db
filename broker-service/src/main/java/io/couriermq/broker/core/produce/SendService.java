package io.couriermq.broker.core.produce;

import io.couriermq.broker.core.timer.DelayParking;
import io.couriermq.broker.core.timer.TimerService;
import io.couriermq.broker.core.transaction.TransactionIds;
import io.couriermq.broker.core.transaction.TransactionService;
import io.couriermq.broker.core.topic.TopicConfig;
import io.couriermq.broker.core.topic.TopicMessageType;
import io.couriermq.broker.core.topic.TopicRegistry;
import io.couriermq.store.Message;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts messages from producers: validates them, finds (or, if allowed, creates) their topic, checks the
 * topic takes their kind, and appends them with their system fields as properties through the
 * {@link MessageAppender} the broker's role chose. Delay messages are parked for the {@link TimerService} until
 * their delivery time ({@link DelayParking}), and transactional ones for the {@link TransactionService} until their
 * transaction ends.
 *
 * <p>Thread-safe; never blocks: the returned future completes when the appender's does.
 */
public final class SendService {

    private static final int RECENT_SENDS = 65_536;

    private final MessageAppender appender;
    private final TopicRegistry topics;
    private final DelayParking delays;
    private final SendValidator validator;
    private final boolean autoCreateTopics;
    private final int defaultQueueNums;
    private final RecentSends recentSends = new RecentSends(RECENT_SENDS);
    private final AtomicInteger roundRobin = new AtomicInteger();

    public SendService(MessageAppender appender, TopicRegistry topics, DelayParking delays, long maxBodyBytes,
                       boolean autoCreateTopics, int defaultQueueNums) {
        this.appender = appender;
        this.topics = topics;
        this.delays = delays;
        this.validator = new SendValidator(maxBodyBytes);
        this.autoCreateTopics = autoCreateTopics;
        this.defaultQueueNums = defaultQueueNums;
    }

    /**
     * Sends one message. Refusals before storing throw {@link SendException}; the appender's failures (a
     * {@link io.couriermq.store.StoreException}, or the role's own) fail the future.
     */
    public CompletableFuture<SendResult> send(SendRequest request) {
        validator.validate(request);
        TopicConfig topic = resolveTopic(request);
        if (!topic.writable()) {
            throw new SendException(SendException.Reason.NOT_WRITABLE, "topic " + topic.name() + " is not writable");
        }
        if (!topic.messageType().accepts(request.messageType())) {
            throw new SendException(SendException.Reason.MESSAGE_TYPE_MISMATCH, "topic " + topic.name() + " accepts "
                    + topic.messageType() + " messages, not " + request.messageType());
        }
        int queueId = chooseQueue(topic, request.queueId());
        return recentSends.sendOnce(request.messageId(), () -> store(request, toStoreMessage(request, queueId)));
    }

    private CompletableFuture<SendResult> store(SendRequest request, Message message) {
        boolean transactional = request.messageType() == TopicMessageType.TRANSACTION;
        Message toAppend = switch (request.messageType()) {
            case DELAY -> delays.park(message, request.deliveryTimestamp());
            case TRANSACTION -> TransactionService.half(message);
            default -> message;
        };
        return appender.append(toAppend).thenApply(stored -> new SendResult(request.messageId(), message.queueId(),
                stored.queueOffset(), stored.physicalOffset(),
                transactional ? TransactionIds.of(stored.physicalOffset()) : null));
    }

    private TopicConfig resolveTopic(SendRequest request) {
        return topics.find(request.topic()).orElseGet(() -> {
            if (!autoCreateTopics) {
                throw new SendException(SendException.Reason.TOPIC_NOT_FOUND, "topic " + request.topic()
                        + " does not exist and autoCreateTopicEnable is off");
            }
            return topics.getOrCreate(request.topic(),
                    TopicConfig.of(request.topic(), defaultQueueNums, request.messageType()));
        });
    }

    /** The producer's choice when it names a writable queue; otherwise the broker's, round-robin. */
    private int chooseQueue(TopicConfig topic, int requested) {
        if (requested >= 0 && requested < topic.writeQueueNums()) {
            return requested;
        }
        return Math.floorMod(roundRobin.getAndIncrement(), topic.writeQueueNums());
    }

    private static Message toStoreMessage(SendRequest request, int queueId) {
        Map<String, String> properties = new HashMap<>(request.userProperties());
        properties.put(SystemProperties.MESSAGE_ID, request.messageId());
        properties.put(SystemProperties.MESSAGE_TYPE, request.messageType().name());
        putIfPresent(properties, SystemProperties.TAG, request.tag());
        if (!request.keys().isEmpty()) {
            properties.put(SystemProperties.KEYS, String.join(io.couriermq.store.MessageProperties.KEY_SEPARATOR,
                    request.keys()));
        }
        putIfPresent(properties, SystemProperties.MESSAGE_GROUP, request.messageGroup());
        if (request.deliveryTimestamp() > 0) {
            properties.put(SystemProperties.DELIVERY_TIMESTAMP, Long.toString(request.deliveryTimestamp()));
        }
        putIfPresent(properties, SystemProperties.BORN_HOST_NAME, request.bornHostName());
        putIfPresent(properties, SystemProperties.BODY_ENCODING, request.bodyEncoding());
        putIfPresent(properties, SystemProperties.TRACE_CONTEXT, request.traceContext());
        return new Message(request.topic(), queueId, request.messageType().ordinal(), properties, request.body(),
                request.bornTimestamp(), request.bornAddress());
    }

    private static void putIfPresent(Map<String, String> properties, String key, String value) {
        if (value != null && !value.isEmpty()) {
            properties.put(key, value);
        }
    }
}
