package dev.tierfeed.serving.api;

import java.util.List;

/** One page of a list; {@code nextPageToken} is null on the last page. */
public record PageView<T>(List<T> items, String nextPageToken) {
}
