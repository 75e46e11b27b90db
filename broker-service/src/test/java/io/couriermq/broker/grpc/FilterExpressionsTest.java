package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.FilterExpression;
import apache.rocketmq.v2.FilterType;
import io.couriermq.store.TagFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterExpressionsTest {

    @Test
    void starAndEmptyAcceptEverything() {
        assertThat(FilterExpressions.parseTags("*").acceptsAll()).isTrue();
        assertThat(FilterExpressions.parseTags("  ").acceptsAll()).isTrue();
        assertThat(FilterExpressions.parseTags(null).acceptsAll()).isTrue();
    }

    @Test
    void alternativesAreTrimmed() {
        TagFilter filter = FilterExpressions.parseTags(" A ||B|| C ");
        assertThat(filter.matches("A")).isTrue();
        assertThat(filter.matches("B")).isTrue();
        assertThat(filter.matches("C")).isTrue();
        assertThat(filter.matches("D")).isFalse();
        assertThat(filter.matches(null)).isFalse();
    }

    @Test
    void emptyAlternativesAndSqlAreRefused() {
        assertThatThrownBy(() -> FilterExpressions.parseTags("A || || B"))
                .isInstanceOfSatisfying(V2RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.ILLEGAL_FILTER_EXPRESSION));
        assertThatThrownBy(() -> FilterExpressions.toTagFilter(FilterExpression.newBuilder()
                .setType(FilterType.SQL).setExpression("a > 1").build()))
                .isInstanceOfSatisfying(V2RequestException.class,
                        e -> assertThat(e.code()).isEqualTo(Code.ILLEGAL_FILTER_EXPRESSION));
    }
}
