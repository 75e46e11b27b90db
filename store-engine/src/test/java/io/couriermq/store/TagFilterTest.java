package io.couriermq.store;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tag filters: a cheap hash test on consume queue entries, then the exact test on the loaded message. */
class TagFilterTest {

    @Test
    void allAcceptsEveryHashAndEveryTagIncludingNone() {
        TagFilter all = TagFilter.all();

        assertThat(all.acceptsAll()).isTrue();
        assertThat(all.mayMatch(0)).isTrue();
        assertThat(all.mayMatch(MessageProperties.tagHash("anything"))).isTrue();
        assertThat(all.matches(null)).isTrue();
        assertThat(all.matches("anything")).isTrue();
        assertThat(all).hasToString("*");
    }

    @Test
    void anyOfMatchesExactlyItsTags() {
        TagFilter filter = TagFilter.anyOf(Set.of("TagA", "TagB"));

        assertThat(filter.acceptsAll()).isFalse();
        assertThat(filter.matches("TagA")).isTrue();
        assertThat(filter.matches("TagB")).isTrue();
        assertThat(filter.matches("TagC")).isFalse();
        assertThat(filter.matches("taga")).isFalse();
        assertThat(filter.matches(null)).isFalse();
        assertThat(filter.matches("")).isFalse();
    }

    @Test
    void hashTestPassesItsTagsHashesAndRejectsOthers() {
        TagFilter filter = TagFilter.anyOf(Set.of("TagA", "TagB"));

        assertThat(filter.mayMatch(MessageProperties.tagHash("TagA"))).isTrue();
        assertThat(filter.mayMatch(MessageProperties.tagHash("TagB"))).isTrue();
        assertThat(filter.mayMatch(MessageProperties.tagHash("TagC"))).isFalse();
        assertThat(filter.mayMatch(MessageProperties.tagHash(null))).as("an untagged message").isFalse();
    }

    @Test
    void tagsSharingAHashPassTheHashTestButNotTheExactOne() {
        assertThat(MessageProperties.tagHash("Aa")).isEqualTo(MessageProperties.tagHash("BB"));
        TagFilter filter = TagFilter.anyOf(Set.of("Aa"));

        assertThat(filter.mayMatch(MessageProperties.tagHash("BB"))).isTrue();
        assertThat(filter.matches("BB")).isFalse();
        assertThat(filter.matches("Aa")).isTrue();
    }

    @Test
    void negativeTagHashesAreMatchedAsStored() {
        String tag = "negative-hash-tag";
        long hash = MessageProperties.tagHash(tag);
        assertThat(hash).isNegative();

        assertThat(TagFilter.anyOf(Set.of(tag)).mayMatch(hash)).isTrue();
    }

    @Test
    void emptyTagSetIsRefused() {
        assertThatThrownBy(() -> TagFilter.anyOf(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filterIsACopyOfTheTagsGiven() {
        Set<String> tags = new HashSet<>(Set.of("TagA"));
        TagFilter filter = TagFilter.anyOf(tags);

        tags.add("TagB");

        assertThat(filter.matches("TagB")).isFalse();
        assertThat(filter.mayMatch(MessageProperties.tagHash("TagB"))).isFalse();
    }

    @Test
    void describesItsTags() {
        assertThat(TagFilter.anyOf(Set.of("TagA")).toString()).isEqualTo("TagA");
        assertThat(TagFilter.anyOf(Set.of("TagA", "TagB")).toString()).contains("TagA", "TagB", " || ");
    }
}
