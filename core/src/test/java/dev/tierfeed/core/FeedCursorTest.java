package dev.tierfeed.core;

import static dev.tierfeed.core.PostTextTest.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedCursorTest {

    @Test
    void aCursorSurvivesItsTokenForm() {
        FeedCursor cursor = new FeedCursor(new FeedPosition(Tier.STANDARD, Instant.parse("2026-11-22T10:00:00.123Z"), 7311432985312870400L));
        assertThat(FeedCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        ListCursor list = new ListCursor(42);
        assertThat(ListCursor.decode(list.encode())).isEqualTo(list);
    }

    @Test
    void refusesTokensItDidNotIssue() {
        assertThat(codeOf(() -> FeedCursor.decode("!!!"))).isEqualTo("malformed_page_token");
        assertThat(codeOf(() -> FeedCursor.decode("aGVsbG8"))).isEqualTo("malformed_page_token");
        assertThat(codeOf(() -> FeedCursor.decode(new ListCursor(1).encode()))).isEqualTo("malformed_page_token");
        assertThat(codeOf(() -> FeedCursor.decode(PageTokens.encode("f2", 3, 1, 1)))).isEqualTo("malformed_page_token");
        assertThat(codeOf(() -> ListCursor.decode(new ListCursor(1).encode() + "x"))).isEqualTo("malformed_page_token");
    }
}
