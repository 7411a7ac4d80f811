package dev.tierfeed.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A post's reference to one uploaded media object: its id and kind. Stored with the post in
 * Cassandra as one text column, {@code "<id>:<content type>"} joined by commas ({@link #toColumn},
 * {@link #fromColumn}); this class is the only place that knows that form.
 */
public record MediaRef(long id, MediaKind kind) {
    public MediaRef {
        Objects.requireNonNull(kind, "kind");
    }

    /** Where the API serves the bytes, relative to the service's base URL. */
    public String path() {
        return "/v1/media/" + Ids.format(id);
    }

    /** The column value of a post's media, or null (no column written) when it has none. */
    public static String toColumn(List<MediaRef> media) {
        if (media.isEmpty()) {
            return null;
        }
        StringBuilder column = new StringBuilder();
        for (MediaRef ref : media) {
            if (!column.isEmpty()) {
                column.append(',');
            }
            column.append(ref.id).append(':').append(ref.kind.contentType());
        }
        return column.toString();
    }

    /** The media a column value names; null or empty is none. */
    public static List<MediaRef> fromColumn(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        List<MediaRef> media = new ArrayList<>();
        for (String entry : column.split(",")) {
            int colon = entry.indexOf(':');
            MediaKind kind = MediaKind.ofContentType(entry.substring(colon + 1))
                    .orElseThrow(() -> new IllegalArgumentException("unknown media type in " + column));
            media.add(new MediaRef(Long.parseLong(entry.substring(0, colon)), kind));
        }
        return List.copyOf(media);
    }
}
