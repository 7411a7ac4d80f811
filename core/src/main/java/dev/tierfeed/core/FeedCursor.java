package dev.tierfeed.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a feed page ended: the position of its last item. Clients get it as an opaque page
 * token and send it back for the next page; it is validated like any other input.
 */
public record FeedCursor(long lastPostId) {
    private static final String PREFIX = "f1:";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastPostId).getBytes(StandardCharsets.US_ASCII));
    }

    public static FeedCursor decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw malformed(token);
        }
        if (!text.startsWith(PREFIX)) {
            throw malformed(token);
        }
        try {
            return new FeedCursor(Ids.parse(text.substring(PREFIX.length()), "page token"));
        } catch (ValidationException e) {
            throw malformed(token);
        }
    }

    private static ValidationException malformed(String token) {
        return new ValidationException("malformed_page_token", "pageToken '" + token + "' is not a token this service issued");
    }
}
