package dev.tierfeed.core;

import static dev.tierfeed.core.PostTextTest.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordTest {
    private static final Handle ADA = new Handle("Ada_Lovelace");

    @Test
    void acceptsTenToAHundredAndTwentyEightCodePointsThatAreNotCommon() {
        assertThat(Password.forNewAccount("correct horse battery", ADA).value()).isEqualTo("correct horse battery");
        assertThat(Password.forNewAccount("\uD83D\uDD11".repeat(10), ADA).value()).hasSize(20); // ten keys: ten code points
        assertThat(Password.forNewAccount("x".repeat(128), ADA).toString()).doesNotContain("x");
    }

    @Test
    void refusesMissingShortLongCommonAndTheHandle() {
        assertThat(codeOf(() -> Password.forNewAccount(null, ADA))).isEqualTo("password_required");
        assertThat(codeOf(() -> Password.forNewAccount("", ADA))).isEqualTo("password_required");
        assertThat(codeOf(() -> Password.forNewAccount("abc123xyz", ADA))).isEqualTo("password_too_short");
        assertThat(codeOf(() -> Password.forNewAccount("x".repeat(129), ADA))).isEqualTo("password_too_long");
        assertThat(codeOf(() -> Password.forNewAccount("1234567890", ADA))).isEqualTo("password_too_common");
        assertThat(codeOf(() -> Password.forNewAccount("PassWord123", ADA))).isEqualTo("password_too_common");
        assertThat(codeOf(() -> Password.forNewAccount("ada_LOVELACE", ADA))).isEqualTo("password_too_common");
    }
}
