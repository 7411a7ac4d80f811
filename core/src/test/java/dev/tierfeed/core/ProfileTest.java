package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileTest {
    private static void refused(Runnable change, String code) {
        assertThatThrownBy(change::run).isInstanceOf(ValidationException.class).hasFieldOrPropertyWithValue("code", code);
    }

    @Test
    void eachPartIsStrippedAndAnEmptyTextClearsIt() {
        Profile profile = Profile.EMPTY.withDisplayName("  Ada Lovelace ").withBio("Analyst.\nPoet of science.")
                .withWebsite("https://example.org/ada").withLocation("London");
        assertThat(profile).isEqualTo(new Profile("Ada Lovelace", "Analyst.\nPoet of science.", "https://example.org/ada", "London", null));
        assertThat(profile.withDisplayName("").withBio("   ").withWebsite("").withLocation("")).isEqualTo(Profile.EMPTY);
    }

    @Test
    void lengthsAreCountedInCharactersNotUtf16Units() {
        String fiftyEmoji = "😀".repeat(50);
        assertThat(Profile.EMPTY.withDisplayName(fiftyEmoji).displayName()).isEqualTo(fiftyEmoji);
        refused(() -> Profile.EMPTY.withDisplayName("x".repeat(51)), "display_name_too_long");
        assertThat(Profile.EMPTY.withBio("b".repeat(160)).bio()).hasSize(160);
        refused(() -> Profile.EMPTY.withBio("b".repeat(161)), "bio_too_long");
        refused(() -> Profile.EMPTY.withLocation("l".repeat(31)), "location_too_long");
        refused(() -> Profile.EMPTY.withWebsite("https://example.org/" + "w".repeat(81)), "website_too_long");
    }

    @Test
    void controlCharactersAndBrokenUnicodeAreRefusedButTheBioMayBreakLines() {
        refused(() -> Profile.EMPTY.withDisplayName("Ada\nLovelace"), "invalid_display_name");
        refused(() -> Profile.EMPTY.withLocation("Lon\u0000don"), "invalid_location");
        refused(() -> Profile.EMPTY.withBio("tab\tinside"), "invalid_bio");
        refused(() -> Profile.EMPTY.withDisplayName("half \ud83d pair"), "invalid_display_name");
        assertThat(Profile.EMPTY.withBio("one\ntwo").bio()).isEqualTo("one\ntwo");
    }

    @Test
    void aWebsiteIsAnHttpOrHttpsAddressWithAHost() {
        assertThat(Profile.EMPTY.withWebsite("http://example.org").website()).isEqualTo("http://example.org");
        assertThat(Profile.EMPTY.withWebsite("HTTPS://Example.org:8443/a?b=c").website()).isEqualTo("HTTPS://Example.org:8443/a?b=c");
        for (String bad : new String[] {"example.org", "javascript:alert(1)", "ftp://example.org", "https://", "http:///path", "https://exa mple.org"}) {
            refused(() -> Profile.EMPTY.withWebsite(bad), "invalid_website");
        }
    }

    @Test
    void anAvatarIsAPhoto() {
        MediaRef photo = new MediaRef(7, MediaKind.PNG);
        assertThat(Profile.EMPTY.withAvatar(Optional.of(photo)).avatar()).isEqualTo(photo);
        assertThat(Profile.EMPTY.withAvatar(Optional.of(photo)).withAvatar(Optional.empty()).avatar()).isNull();
        refused(() -> Profile.EMPTY.withAvatar(Optional.of(new MediaRef(8, MediaKind.MP4))), "avatar_not_a_photo");
    }
}
