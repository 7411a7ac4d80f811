package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaRef;
import java.util.List;

/** A media object a post carries; {@code url} is relative to the service's base URL. */
public record MediaView(String id, String type, String url) {
    public static MediaView of(MediaRef ref) {
        return new MediaView(Ids.format(ref.id()), ref.kind().contentType(), ref.path());
    }

    public static List<MediaView> of(List<MediaRef> media) {
        return media.stream().map(MediaView::of).toList();
    }
}
