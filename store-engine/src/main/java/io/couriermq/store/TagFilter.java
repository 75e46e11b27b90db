package io.couriermq.store;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tags a reader wants. Consume queue entries carry only a tag's hash, so a read first skips entries whose
 * hash cannot match, then checks the real tag of the messages it loads (distinct tags can share a hash).
 */
public final class TagFilter {

    private static final TagFilter ALL = new TagFilter(null, null);

    private final Set<String> tags;
    private final Set<Long> hashes;

    private TagFilter(Set<String> tags, Set<Long> hashes) {
        this.tags = tags;
        this.hashes = hashes;
    }

    /** Every message, tagged or not. */
    public static TagFilter all() {
        return ALL;
    }

    /** Messages carrying one of these tags. */
    public static TagFilter anyOf(Set<String> tags) {
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a tag filter needs at least one tag");
        }
        return new TagFilter(Set.copyOf(tags),
                tags.stream().map(MessageProperties::tagHash).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean acceptsAll() {
        return tags == null;
    }

    public boolean mayMatch(long tagHash) {
        return hashes == null || hashes.contains(tagHash);
    }

    public boolean matches(String tag) {
        return tags == null || (tag != null && tags.contains(tag));
    }

    @Override
    public String toString() {
        return tags == null ? "*" : String.join(" || ", tags);
    }
}
