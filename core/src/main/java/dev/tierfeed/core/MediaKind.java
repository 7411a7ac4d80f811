package dev.tierfeed.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of media a post may carry, each with its content type and its magic number. An
 * upload's kind is what its first bytes say ({@link #sniff}), never only what the client declared.
 */
public enum MediaKind {
    JPEG("image/jpeg"),
    PNG("image/png"),
    GIF("image/gif"),
    WEBP("image/webp"),
    MP4("video/mp4");

    /** How many leading bytes {@link #sniff} needs to tell every kind apart. */
    public static final int SNIFF_BYTES = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** ISO base media major brands of MP4 video; HEIF images and QuickTime share the box layout but are not MP4. */
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42",
            "avc1", "dash", "M4V ", "mmp4", "MSNV", "3gp4", "3gp5");

    private final String contentType;

    MediaKind(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public boolean isVideo() {
        return this == MP4;
    }

    /** The kind a declared content type names (parameters such as {@code ;charset} ignored, case-insensitive). */
    public static Optional<MediaKind> ofContentType(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String bare = declared.split(";", 2)[0].trim();
        return Arrays.stream(values()).filter(k -> k.contentType.equalsIgnoreCase(bare)).findFirst();
    }

    /** The kind the leading bytes of a file show, if they are one of ours. */
    public static Optional<MediaKind> sniff(byte[] head) {
        if (startsWith(head, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, 4, ascii("ftyp")) && head.length >= 12
                && MP4_BRANDS.contains(new String(head, 8, 4, StandardCharsets.ISO_8859_1))) {
            return Optional.of(MP4);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
