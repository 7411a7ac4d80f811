package dev.tierfeed.serving.api;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaRef;

/** The answer to an upload: the media's id to attach to posts, its type, size and where it is served. */
public record MediaUploadView(String id, String type, long bytes, String url) {
    public static MediaUploadView of(MediaRef media, long bytes) {
        return new MediaUploadView(Ids.format(media.id()), media.kind().contentType(), bytes, media.path());
    }
}
