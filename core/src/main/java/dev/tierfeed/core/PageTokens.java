package dev.tierfeed.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens: a kind and a few numbers, base64url-encoded. Clients only hand them back;
 * anything that does not decode to the expected kind is refused like any other bad input.
 */
final class PageTokens {
    private PageTokens() {
    }

    static String encode(String kind, long... fields) {
        StringBuilder text = new StringBuilder(kind);
        for (long field : fields) {
            text.append(':').append(field);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decode(String token, String kind, int fieldCount) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw malformed(token);
        }
        if (parts.length != fieldCount + 1 || !parts[0].equals(kind)) {
            throw malformed(token);
        }
        long[] fields = new long[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            try {
                fields[i] = Ids.parse(parts[i + 1], "page token");
            } catch (ValidationException e) {
                throw malformed(token);
            }
        }
        return fields;
    }

    static ValidationException malformed(String token) {
        return new ValidationException("malformed_page_token", "pageToken '" + token + "' is not a token this service issued");
    }
}
