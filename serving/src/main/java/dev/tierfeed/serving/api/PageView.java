package dev.tierfeed.serving.api;

import dev.tierfeed.core.ListCursor;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** One page of a list; {@code nextPageToken} is null on the last page. */
public record PageView<T>(List<T> items, String nextPageToken) {

    /**
     * A page of a list ordered by id, from rows read with one row more than {@code size}: that
     * extra row only tells that there is a next page, which starts after the last row shown.
     */
    public static <R, V> PageView<V> of(List<R> rows, int size, ToLongFunction<R> id, Function<R, V> view) {
        boolean more = rows.size() > size;
        List<R> shown = more ? rows.subList(0, size) : rows;
        String next = more ? new ListCursor(id.applyAsLong(shown.get(shown.size() - 1))).encode() : null;
        return new PageView<>(shown.stream().map(view).toList(), next);
    }
}
