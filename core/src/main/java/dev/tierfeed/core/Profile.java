package dev.tierfeed.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's public profile besides handle and tier: each part optional (null when unset), each with
 * its rules, checked by the {@code with…} methods that change one part (an empty text clears it).
 * <ul>
 *   <li>{@code displayName}: at most 50 characters (Unicode code points), one line;</li>
 *   <li>{@code bio}: at most 160 characters, line breaks allowed;</li>
 *   <li>{@code website}: an absolute {@code http} or {@code https} address with a host, at most 100
 *       characters;</li>
 *   <li>{@code location}: at most 30 characters, one line;</li>
 *   <li>{@code avatar}: one of the user's own uploaded photos (not a video).</li>
 * </ul>
 * Texts are stripped of leading and trailing white space, must be well-formed Unicode and hold no
 * control characters (but the bio's line breaks).
 */
public record Profile(String displayName, String bio, String website, String location, MediaRef avatar) {
    public static final Profile EMPTY = new Profile(null, null, null, null, null);
    public static final int MAX_DISPLAY_NAME = 50;
    public static final int MAX_BIO = 160;
    public static final int MAX_WEBSITE = 100;
    public static final int MAX_LOCATION = 30;

    public Profile withDisplayName(String text) {
        return new Profile(line("display_name", text, MAX_DISPLAY_NAME), bio, website, location, avatar);
    }

    public Profile withBio(String text) {
        return new Profile(displayName, checked("bio", text, MAX_BIO, true), website, location, avatar);
    }

    public Profile withWebsite(String text) {
        String address = line("website", text, MAX_WEBSITE);
        if (address != null && !isWebAddress(address)) {
            throw new ValidationException("invalid_website", "website must be an http:// or https:// address with a host");
        }
        return new Profile(displayName, bio, address, location, avatar);
    }

    public Profile withLocation(String text) {
        return new Profile(displayName, bio, website, line("location", text, MAX_LOCATION), avatar);
    }

    /** The avatar, or none; it must be a photo (whose upload is the caller's to check). */
    public Profile withAvatar(Optional<MediaRef> photo) {
        photo.filter(ref -> ref.kind().isVideo()).ifPresent(ref -> {
            throw new ValidationException("avatar_not_a_photo", "an avatar must be a photo, not a " + ref.kind().contentType());
        });
        return new Profile(displayName, bio, website, location, photo.orElse(null));
    }

    private static String line(String field, String text, int max) {
        return checked(field, text, max, false);
    }

    /** The text stripped, or null when it is empty: the part is cleared. */
    private static String checked(String field, String text, int max, boolean lineBreaks) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new ValidationException(field + "_too_long", field + " has " + length + " characters, at most " + max + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c) || (Character.isISOControl(c) && !(lineBreaks && c == '\n'))) {
                throw new ValidationException("invalid_" + field, field + " must be well-formed text without control characters"
                        + (lineBreaks ? " (line breaks are allowed)" : " on one line"));
            }
        }
        return value;
    }

    private static boolean isWebAddress(String address) {
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
