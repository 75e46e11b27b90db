package io.couriermq.store.index;

import io.couriermq.store.MessageProperties;
import io.couriermq.store.dispatch.LogListener;
import io.couriermq.store.record.LogEntry;
import io.couriermq.store.segment.SegmentNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds messages by unique id, or by topic and key within a time range, through a chain of {@link IndexFile}s
 * fed by the dispatcher. A message's id is indexed under {@link #idHash}; each of its keys under
 * {@link #topicKeyHash}, so two topics sharing a key stay apart.
 *
 * <p>Lookups return candidate log offsets, newest first; the caller reads each record and keeps those whose id
 * or key really matches, since distinct keys can share a hash.
 */
public final class IndexStore implements LogListener, AutoCloseable {

    private final Path dir;
    private final int slotCount;
    private final int entriesPerFile;
    private final CopyOnWriteArrayList<IndexFile> files;
    /** Dispatch thread only: the end of the last record indexed, not yet written to the file's header. */
    private long pendingCover;

    private IndexStore(Path dir, int slotCount, int entriesPerFile, List<IndexFile> files) {
        this.dir = dir;
        this.slotCount = slotCount;
        this.entriesPerFile = entriesPerFile;
        this.files = new CopyOnWriteArrayList<>(files);
    }

    public static IndexStore open(Path dir, int slotCount, int entriesPerFile) {
        try {
            Files.createDirectories(dir);
            List<Long> bases = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path file : entries) {
                    OptionalLong base = SegmentNames.parse(file.getFileName().toString());
                    base.ifPresent(bases::add);
                }
            }
            bases.sort(Long::compare);
            List<IndexFile> files = new ArrayList<>();
            for (int i = 0; i < bases.size(); i++) {
                IndexFile file = IndexFile.open(dir.resolve(SegmentNames.nameOf(bases.get(i))), bases.get(i));
                if (file == null) {
                    // Torn while being created: it and anything after it are rebuilt from the log.
                    deleteFiles(dir, bases.subList(i, bases.size()));
                    break;
                }
                files.add(file);
            }
            return new IndexStore(dir, slotCount, entriesPerFile, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index in " + dir, e);
        }
    }

    private static void deleteFiles(Path dir, List<Long> bases) throws IOException {
        for (long base : bases) {
            Files.deleteIfExists(dir.resolve(SegmentNames.nameOf(base)));
        }
    }

    /**
     * The hash a message id is indexed under: that of the string {@code "I" + messageId}, computed without
     * building the string, since the dispatcher does this for every record.
     */
    public static int idHash(String messageId) {
        return continueHash('I', messageId, 0, messageId.length());
    }

    /** The hash a key is indexed under: that of {@code "K" + topic + "#" + key}, so topics sharing a key stay apart. */
    public static int topicKeyHash(String topic, String key) {
        return topicKeyHash(topic, key, 0, key.length());
    }

    private static int topicKeyHash(String topic, String keys, int keyStart, int keyEnd) {
        int hash = continueHash('K', topic, 0, topic.length());
        hash = 31 * hash + '#';
        return continueHash(hash, keys, keyStart, keyEnd);
    }

    /** {@link String#hashCode()}'s polynomial, continued from {@code hash} over {@code s[from, to)}. */
    private static int continueHash(int hash, String s, int from, int to) {
        int h = hash;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** The log offset up to which every record is indexed; dispatch for the index resumes here. */
    public long coveredOffset() {
        IndexFile last = last();
        return last == null ? 0 : last.coveredOffset();
    }

    /**
     * Brings the index in line with a log truncated to {@code logEnd}: files that begin past it go, and the
     * last one's covered offset moves back so records written there again get indexed. Recovery only.
     */
    public void truncateToLog(long logEnd) {
        pendingCover = 0;
        while (!files.isEmpty() && last().beginOffset() > logEnd) {
            files.remove(files.size() - 1).delete();
        }
        IndexFile last = last();
        if (last != null) {
            last.limitCoveredOffset(logEnd);
        }
    }

    @Override
    public void onEntry(LogEntry entry) {
        IndexFile current = last();
        if (current != null && entry.physicalOffset() < Math.max(pendingCover, current.coveredOffset())) {
            return;
        }
        // A file exists from the first entry on, keys or not, so that its covered offset records progress
        // and a restart does not re-dispatch the whole log to an index that had nothing to add.
        current = writable(entry.physicalOffset());
        String messageId = entry.messageId();
        if (messageId != null) {
            current.add(idHash(messageId), entry.physicalOffset(), entry.storeTimestamp());
        }
        String keys = entry.keys();
        int start = 0;
        int length = keys == null ? 0 : keys.length();
        while (start < length) {
            int end = keys.indexOf(MessageProperties.KEY_SEPARATOR, start);
            end = end < 0 ? length : end;
            if (end > start) {
                if (current.isFull() && current.beginOffset() == entry.physicalOffset()) {
                    // This one message has more keys than a whole file holds: the rest go unindexed rather than
                    // stopping dispatch (a file per message offset cannot be created twice).
                    break;
                }
                current = writable(entry.physicalOffset());
                current.add(topicKeyHash(entry.topic(), keys, start, end), entry.physicalOffset(),
                        entry.storeTimestamp());
            }
            start = end + 1;
        }
        pendingCover = entry.endOffset();
    }

    /** Records progress once per dispatched batch rather than per record: a restart re-indexes at most a batch. */
    @Override
    public void onDispatched(long dispatchedTo) {
        IndexFile current = last();
        if (current != null && pendingCover > 0) {
            current.cover(pendingCover);
        }
    }

    private IndexFile writable(long logOffset) {
        IndexFile current = last();
        if (current == null || current.isFull()) {
            current = IndexFile.create(dir, logOffset, slotCount, entriesPerFile);
            files.add(current);
        }
        return current;
    }

    private IndexFile last() {
        List<IndexFile> snapshot = files;
        return snapshot.isEmpty() ? null : snapshot.get(snapshot.size() - 1);
    }

    /** Candidate log offsets for an index hash, newest first, stored within the time range. */
    public List<Long> lookup(int hash, long fromTimestamp, long toTimestamp, int max) {
        List<Long> offsets = new ArrayList<>();
        List<IndexFile> snapshot = new ArrayList<>(files);
        for (int i = snapshot.size() - 1; i >= 0 && offsets.size() < max; i--) {
            if (!snapshot.get(i).lookup(hash, fromTimestamp, toTimestamp, max, offsets)) {
                break;
            }
        }
        return offsets;
    }

    /** Deletes the index files that refer only to log offsets below {@code minLogOffset}. */
    public void deleteBeforeLog(long minLogOffset) {
        while (files.size() > 1 && files.get(1).beginOffset() <= minLogOffset) {
            files.remove(0).delete();
        }
    }

    /** Forces the files that can have changed since the last flush: the last, and the one it rolled from. */
    public void flush() {
        List<IndexFile> snapshot = List.copyOf(files);
        for (int i = Math.max(0, snapshot.size() - 2); i < snapshot.size(); i++) {
            snapshot.get(i).flush();
        }
    }

    @Override
    public void close() {
        for (IndexFile file : files) {
            file.close();
        }
        files.clear();
    }
}
