package dev.tierfeed.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What the log's codecs share: a JSON object per record, whose {@code "v"} field names its version. */
final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    static ObjectNode object(int version) {
        return JSON.createObjectNode().put("v", version);
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record as JSON; refused ({@link IllegalArgumentException}) when it is not JSON or not of {@code version}. */
    static JsonNode read(byte[] bytes, int version, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON", e);
        }
        if (node == null || node.path("v").asInt() != version) {
            throw new IllegalArgumentException(what + " has no supported version: " + node);
        }
        return node;
    }
}
