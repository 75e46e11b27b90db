package io.couriermq.store;

import io.couriermq.store.commitlog.CommitLog;
import io.couriermq.store.index.IndexStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Answers lookups by message id and by key: asks the index for candidate offsets, reads each record, and keeps
 * those that really carry the id or key (index entries hold hashes only).
 */
final class IndexQueries {

    private final CommitLog log;
    private final IndexStore index;

    IndexQueries(CommitLog log, IndexStore index) {
        this.log = log;
        this.index = index;
    }

    Optional<StoredMessage> byId(String messageId) {
        List<StoredMessage> found = resolve(IndexStore.idHash(messageId), 0, Long.MAX_VALUE, 1,
                message -> messageId.equals(message.messageId()));
        return found.stream().findFirst();
    }

    List<StoredMessage> byKey(String topic, String key, long fromTimestamp, long toTimestamp, int max) {
        return resolve(IndexStore.topicKeyHash(topic, key), fromTimestamp, toTimestamp, max,
                message -> topic.equals(message.topic()) && message.keys().contains(key)
                        && message.storeTimestamp() >= fromTimestamp && message.storeTimestamp() <= toTimestamp);
    }

    private List<StoredMessage> resolve(int indexHash, long from, long to, int max, Predicate<StoredMessage> really) {
        List<StoredMessage> found = new ArrayList<>();
        // Ask for extra candidates: some are hash collisions, some point at records retention removed.
        for (long offset : index.lookup(indexHash, from, to, Math.max(max * 4, 64))) {
            if (found.size() == max) {
                break;
            }
            if (offset < log.minOffset() || offset >= log.writtenPosition()) {
                continue;
            }
            try {
                StoredMessage message = log.read(offset);
                if (really.test(message) && found.stream().noneMatch(m -> m.physicalOffset() == offset)) {
                    found.add(message);
                }
            } catch (StoreException unreadable) {
                // Deleted or damaged since it was indexed: not an answer.
            }
        }
        return found;
    }
}
