package dev.tierfeed.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of a post event on the {@code posts} topic: one JSON object,
 * {@code {"v":1,"id":…,"authorId":…,"tier":"PREMIUM","text":"…","createdAt":<epoch ms>,
 * "media":[{"id":…,"type":"image/jpeg"}]}}; {@code media} is left out when the post has none (and
 * events written before media existed have none).
 * Serving writes it, the streaming job reads it, the lake keeps it; this class is the only
 * place that knows its shape.
 */
public final class PostEventCodec {
    public static final int VERSION = 1;

    private PostEventCodec() {
    }

    public static byte[] encode(Post post) {
        ObjectNode node = EventJson.object(VERSION)
                .put("id", post.id())
                .put("authorId", post.authorId())
                .put("tier", post.tier().name())
                .put("text", post.text().value())
                .put("createdAt", post.createdAt().toEpochMilli());
        if (!post.media().isEmpty()) {
            ArrayNode media = node.putArray("media");
            post.media().forEach(ref -> media.addObject().put("id", ref.id()).put("type", ref.kind().contentType()));
        }
        return EventJson.bytes(node);
    }

    /** Decodes an event; a record that is not a post event of a known version is refused. */
    public static Post decode(byte[] bytes) {
        JsonNode node = EventJson.read(bytes, VERSION, "post event");
        return Post.create(
                node.path("id").asLong(),
                node.path("authorId").asLong(),
                Tier.valueOf(node.path("tier").asText()),
                new PostText(node.path("text").asText()),
                media(node.path("media")));
    }

    private static List<MediaRef> media(JsonNode array) {
        List<MediaRef> media = new ArrayList<>();
        for (JsonNode ref : array) {
            String type = ref.path("type").asText();
            media.add(new MediaRef(ref.path("id").asLong(), MediaKind.ofContentType(type)
                    .orElseThrow(() -> new IllegalArgumentException("post event has media of unknown type " + type))));
        }
        return media;
    }
}
