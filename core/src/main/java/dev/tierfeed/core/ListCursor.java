package dev.tierfeed.core;

/** Where a page of a list ordered by id ended (followers, following, an author's posts). */
public record ListCursor(long lastId) {
    private static final String KIND = "l1";

    public String encode() {
        return PageTokens.encode(KIND, lastId);
    }

    public static ListCursor decode(String token) {
        return new ListCursor(PageTokens.decode(token, KIND, 1)[0]);
    }
}
