package dev.tierfeed.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire format of a post event on the {@code posts} topic: one JSON object,
 * {@code {"v":1,"id":…,"authorId":…,"tier":"PREMIUM","text":"…","createdAt":<epoch ms>}}.
 * Serving writes it, the streaming job reads it, the lake keeps it; this class is the only
 * place that knows its shape.
 */
public final class PostEventCodec {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostEventCodec() {
    }

    public static byte[] encode(Post post) {
        ObjectNode node = JSON.createObjectNode()
                .put("v", VERSION)
                .put("id", post.id())
                .put("authorId", post.authorId())
                .put("tier", post.tier().name())
                .put("text", post.text().value())
                .put("createdAt", post.createdAt().toEpochMilli());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an event; a record that is not a post event of a known version is refused. */
    public static Post decode(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("post event is not JSON", e);
        }
        if (node == null || node.path("v").asInt() != VERSION) {
            throw new IllegalArgumentException("post event has no supported version: " + node);
        }
        return Post.create(
                node.path("id").asLong(),
                node.path("authorId").asLong(),
                Tier.valueOf(node.path("tier").asText()),
                new PostText(node.path("text").asText()));
    }
}
