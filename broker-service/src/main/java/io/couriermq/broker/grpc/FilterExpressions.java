package io.couriermq.broker.grpc;

import apache.rocketmq.v2.Code;
import apache.rocketmq.v2.FilterExpression;
import apache.rocketmq.v2.FilterType;
import io.couriermq.store.TagFilter;

import java.util.LinkedHashSet;
import java.util.Set;

/** Parses RocketMQ tag expressions: {@code *} (or empty) for every message, {@code A || B} for either tag. */
final class FilterExpressions {

    private FilterExpressions() {
    }

    static TagFilter toTagFilter(FilterExpression expression) {
        if (expression.getType() == FilterType.SQL) {
            throw new V2RequestException(Code.ILLEGAL_FILTER_EXPRESSION,
                    "SQL92 filter expressions are not supported; use tag expressions such as 'A || B'");
        }
        return parseTags(expression.getExpression());
    }

    static TagFilter parseTags(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            return TagFilter.all();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String part : trimmed.split("\\|\\|")) {
            String tag = part.trim();
            if (tag.isEmpty()) {
                throw new V2RequestException(Code.ILLEGAL_FILTER_EXPRESSION,
                        "tag expression '" + text + "' has an empty tag");
            }
            tags.add(tag);
        }
        return TagFilter.anyOf(tags);
    }
}
