package dev.tierfeed.core;

import static dev.tierfeed.core.PostTextTest.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedCursorTest {

    @Test
    void aCursorSurvivesItsTokenForm() {
        FeedCursor cursor = new FeedCursor(7311432985312870400L);
        assertThat(FeedCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void refusesTokensItDidNotIssue() {
        assertThat(codeOf(() -> FeedCursor.decode("!!!"))).isEqualTo("malformed_page_token");
        assertThat(codeOf(() -> FeedCursor.decode("aGVsbG8"))).isEqualTo("malformed_page_token");
        assertThat(codeOf(() -> FeedCursor.decode(new FeedCursor(1).encode() + "x"))).isEqualTo("malformed_page_token");
    }
}
