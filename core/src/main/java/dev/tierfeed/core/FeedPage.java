package dev.tierfeed.core;

import java.util.List;
import java.util.Optional;

/** One page of a pending feed, in feed order; {@code next} is empty on the last page. */
public record FeedPage(List<Post> items, Optional<FeedCursor> next) {
    public FeedPage {
        items = List.copyOf(items);
    }
}
