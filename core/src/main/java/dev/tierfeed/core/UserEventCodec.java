package dev.tierfeed.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The wire format of a {@link UserEvent} on the events topic: one JSON object,
 * {@code {"v":1,"type":"follow","at":<epoch ms>,"userId":…,"targetId":…}} with {@code tier} and
 * {@code handle} where the type has them. Serving writes it, the lake query reads it; this class
 * is the only place that knows its shape.
 */
public final class UserEventCodec {
    public static final int VERSION = 1;

    private UserEventCodec() {
    }

    public static byte[] encode(UserEvent event) {
        ObjectNode node = EventJson.object(VERSION)
                .put("type", event.type().lakeName())
                .put("at", event.at().toEpochMilli())
                .put("userId", event.userId());
        if (event.targetId() != 0) {
            node.put("targetId", event.targetId());
        }
        if (event.tier() != null) {
            node.put("tier", event.tier().name());
        }
        if (event.handle() != null) {
            node.put("handle", event.handle());
        }
        return EventJson.bytes(node);
    }

    /** Decodes an event; a record that is not an event of a known version and type is refused. */
    public static UserEvent decode(byte[] bytes) {
        JsonNode node = EventJson.read(bytes, VERSION, "event");
        return new UserEvent(UserEvent.Type.ofLakeName(node.path("type").asText()), Instant.ofEpochMilli(node.path("at").asLong()),
                node.path("userId").asLong(), node.path("targetId").asLong(0),
                node.hasNonNull("tier") ? Tier.valueOf(node.path("tier").asText()) : null,
                node.hasNonNull("handle") ? node.path("handle").asText() : null);
    }
}
