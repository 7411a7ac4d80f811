package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostTextTest {

    @Test
    void acceptsOneToTwoHundredEightyCodePoints() {
        assertThat(new PostText("a").value()).isEqualTo("a");
        assertThat(new PostText("x".repeat(280)).value()).hasSize(280);
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        assertThat(new PostText(emoji.repeat(280)).value()).hasSize(560);
        assertThatThrownBy(() -> new PostText(emoji.repeat(281)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("text has 281 characters, at most 280 are allowed");
    }

    @Test
    void refusesBlankAndTooLongTextAndReadsAbsentTextAsEmpty() {
        assertThat(new PostText(null).isEmpty()).isTrue();
        assertThat(new PostText("").isEmpty()).isTrue();
        assertThat(codeOf(() -> new PostText(" \n\t"))).isEqualTo("text_blank");
        assertThat(codeOf(() -> new PostText("x".repeat(281)))).isEqualTo("text_too_long");
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertThat(codeOf(() -> new PostText("a\uD83Db"))).isEqualTo("text_malformed");
        assertThat(codeOf(() -> new PostText("\uDE00"))).isEqualTo("text_malformed");
    }

    @Test
    void aPostHasTextOrMediaAndAtMostFourMedia() {
        MediaRef photo = new MediaRef(7, MediaKind.JPEG);
        assertThat(codeOf(() -> Post.create(1, 2, Tier.FREE, new PostText("")))).isEqualTo("text_required");
        assertThat(Post.create(1, 2, Tier.FREE, new PostText(""), List.of(photo)).media()).containsExactly(photo);
        assertThat(Post.create(1, 2, Tier.FREE, new PostText("x"), List.of(photo, photo, photo, photo)).media()).hasSize(4);
        assertThat(codeOf(() -> Post.create(1, 2, Tier.FREE, new PostText("x"), List.of(photo, photo, photo, photo, photo))))
                .isEqualTo("too_many_media");
    }

    static String codeOf(Runnable action) {
        try {
            action.run();
        } catch (ValidationException e) {
            return e.code();
        }
        throw new AssertionError("expected a ValidationException");
    }
}
