package io.couriermq.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The property keys the store itself reads: the tag for consume-queue filtering, and the keys and message id
 * it indexes. Everything else in a message's properties is opaque to the store.
 */
public final class MessageProperties {

    /** A single tag, hashed into the consume queue entry for filtering. */
    public static final String TAGS = "TAGS";
    /** Business keys, separated by {@link #KEY_SEPARATOR}; each is indexed for lookup by key. */
    public static final String KEYS = "KEYS";
    /** The producer-assigned unique message id; indexed for lookup by id. */
    public static final String MESSAGE_ID = "UNIQ_KEY";
    public static final String KEY_SEPARATOR = " ";

    private MessageProperties() {
    }

    /** The hash a consume queue stores for a tag; a message without a tag hashes to 0. */
    public static long tagHash(String tag) {
        return tag == null || tag.isEmpty() ? 0L : tag.hashCode();
    }

    public static List<String> keys(Map<String, String> properties) {
        return splitKeys(properties.get(KEYS));
    }

    /** The keys of a joined {@link #KEYS} value; empty for null. */
    public static List<String> splitKeys(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(2);
        int start = 0;
        while (start <= joined.length()) {
            int end = joined.indexOf(KEY_SEPARATOR, start);
            if (end < 0) {
                end = joined.length();
            }
            if (end > start) {
                keys.add(joined.substring(start, end));
            }
            start = end + KEY_SEPARATOR.length();
        }
        return keys;
    }
}
