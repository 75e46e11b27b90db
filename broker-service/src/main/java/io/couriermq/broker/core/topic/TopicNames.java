package io.couriermq.broker.core.topic;

import io.couriermq.server.route.TopicNameRule;

import java.util.Set;

/**
 * The naming rules for topics and consumer groups, RocketMQ's: letters, digits, {@code %}, {@code -}, {@code _}
 * and {@code |}; at most 127 characters for a topic and 255 for a group. Some names belong to the system: clients
 * may not send to or create them.
 */
public final class TopicNames {

    public static final int MAX_GROUP_LENGTH = 255;
    public static final int MAX_QUEUES = 1024;
    public static final String DLQ_PREFIX = "%DLQ%";
    public static final String RETRY_PREFIX = "%RETRY%";
    public static final String SYSTEM_PREFIX = "rmq_sys_";
    public static final String CONSUMER_JOURNAL_TOPIC = SYSTEM_PREFIX + "consumer_journal";
    /** Where delay messages wait for their delivery time. */
    public static final String TIMER_TOPIC = SYSTEM_PREFIX + "wheel_timer";
    /** Where half messages of transactions wait for their commit or rollback. */
    public static final String TRANSACTION_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    /** The outcomes (commit, rollback) of transactions, one record each. */
    public static final String TRANSACTION_OP_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";

    private static final Set<String> RESERVED_TOPICS = Set.of("TBW102", "SCHEDULE_TOPIC_XXXX",
            TRANSACTION_HALF_TOPIC, "RMQ_SYS_TRACE_TOPIC", TRANSACTION_OP_TOPIC,
            "TRANS_CHECK_MAX_TIME_TOPIC", "SELF_TEST_TOPIC", "OFFSET_MOVED_EVENT");
    private static final String SYSTEM_GROUP_PREFIX = "CID_RMQ_SYS_";

    private TopicNames() {
    }

    /** Why the name is not a legal topic name, or null if it is. */
    public static String topicProblem(String name) {
        return TopicNameRule.problem(name).orElse(null);
    }

    /** True for names only the broker itself uses: clients may neither send to nor create them. */
    public static boolean isSystemTopic(String name) {
        return RESERVED_TOPICS.contains(name) || name.startsWith(SYSTEM_PREFIX);
    }

    public static String groupProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "consumer group name is empty";
        }
        if (name.length() > MAX_GROUP_LENGTH) {
            return "consumer group name has " + name.length() + " characters, more than " + MAX_GROUP_LENGTH;
        }
        if (!TopicNameRule.hasOnlyLegalCharacters(name)) {
            return "consumer group name '" + name + "' has characters outside [%|a-zA-Z0-9_-]";
        }
        if (name.startsWith(SYSTEM_GROUP_PREFIX)) {
            return "consumer group name '" + name + "' is reserved for the system";
        }
        return null;
    }

    public static String deadLetterTopic(String group) {
        return DLQ_PREFIX + group;
    }

    static void requireLegalQueueCount(String field, int count) {
        if (count < 1 || count > MAX_QUEUES) {
            throw new IllegalArgumentException(field + " must be in [1, " + MAX_QUEUES + "], was " + count);
        }
    }
}
