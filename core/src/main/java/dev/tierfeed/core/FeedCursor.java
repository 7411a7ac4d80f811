package dev.tierfeed.core;

import java.time.Instant;

/**
 * Where a feed page ended: the position of its last item. Clients get it as an opaque page
 * token and send it back; the next page starts strictly after it, so paging never skips or
 * repeats an item while the feed does not change.
 */
public record FeedCursor(FeedPosition last) {
    private static final String KIND = "f2";

    public String encode() {
        return PageTokens.encode(KIND, last.tier().rank(), last.createdAt().toEpochMilli(), last.postId());
    }

    public static FeedCursor decode(String token) {
        long[] fields = PageTokens.decode(token, KIND, 3);
        Tier tier;
        try {
            tier = Tier.ofRank(fields[0]);
        } catch (IllegalArgumentException e) {
            throw PageTokens.malformed(token);
        }
        return new FeedCursor(new FeedPosition(tier, Instant.ofEpochMilli(fields[1]), fields[2]));
    }
}
