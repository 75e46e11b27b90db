package io.couriermq.tools;

import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the broker's REST admin API (broker-service {@code broker.admin} controllers), as mqadmin reads
 * and writes them. Fields the broker adds later are ignored, so an older mqadmin keeps working.
 */
final class AdminViews {

    private AdminViews() {
    }

    /** A topic; null counts and type mean the broker's defaults (8 queues, perm 6, NORMAL). */
    record TopicView(String name, Integer readQueueNums, Integer writeQueueNums, Integer perm, String messageType) {
    }

    /** Offsets of one queue of a topic. */
    record QueueStatus(int queueId, long minOffset, long maxOffset) {
    }

    /** A consumer group; null fields mean the broker's defaults. */
    record GroupView(String name, Integer retryMaxTimes, Boolean fifo, Boolean consumeEnable) {
    }

    /** How far a group has consumed one queue. */
    record QueueProgress(String topic, int queueId, long brokerOffset, long consumerOffset, long lag, int inFlight) {
    }

    record ResetRequest(String topic, long timestamp) {
    }

    /** Where a reset moved one queue's offset. */
    record ResetResult(String topic, int queueId, long offset) {
    }

    /** A stored message; the body is UTF-8 text. */
    record MessageView(String messageId, String topic, int queueId, long queueOffset, long physicalOffset,
                       long bornTimestamp, long storeTimestamp, String bornHost, Map<String, String> properties,
                       int bodySize, String body) {
    }

    /** A client connected to a broker, as its settings describe it. */
    record ClientInfo(String clientId, String kind, String group, List<String> topics, String language,
                      String version, String remoteAddress) {
    }

    record ClientSession(ClientInfo info) {
    }
}
