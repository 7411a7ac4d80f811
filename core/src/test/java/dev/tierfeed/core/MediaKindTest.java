package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaKindTest {

    @Test
    void eachKindIsKnownByItsMagicNumber() {
        assertThat(MediaKind.sniff(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1))).contains(MediaKind.JPEG);
        assertThat(MediaKind.sniff(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13))).contains(MediaKind.PNG);
        assertThat(MediaKind.sniff(ascii("GIF89a\u0001\u0000\u0001\u0000\u0080\u0000"))).contains(MediaKind.GIF);
        assertThat(MediaKind.sniff(ascii("GIF87a\u0001\u0000\u0001\u0000\u0080\u0000"))).contains(MediaKind.GIF);
        assertThat(MediaKind.sniff(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 "))).contains(MediaKind.WEBP);
        assertThat(MediaKind.sniff(ascii("\u0000\u0000\u0000\u0020ftypisom\u0000\u0000\u0002\u0000"))).contains(MediaKind.MP4);
        assertThat(MediaKind.sniff(ascii("\u0000\u0000\u0000\u0018ftypmp42"))).contains(MediaKind.MP4);
    }

    @Test
    void lookalikesAndShortOrUnknownFilesAreNoKind() {
        // RIFF but a WAVE file; ISO boxes of a HEIF image and of QuickTime; a JPEG cut before its third byte
        for (byte[] head : List.of(ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt "), ascii("\u0000\u0000\u0000\u0018ftypheic"),
                ascii("\u0000\u0000\u0000\u0014ftypqt  "), bytes(0xff, 0xd8), ascii("<svg xmlns="), ascii("%PDF-1.7"), new byte[0])) {
            assertThat(MediaKind.sniff(head)).as(Arrays.toString(head)).isEmpty();
        }
    }

    @Test
    void declaredTypesAreReadWithoutParametersOrCase() {
        assertThat(MediaKind.ofContentType("IMAGE/PNG; charset=binary")).contains(MediaKind.PNG);
        assertThat(MediaKind.ofContentType("video/mp4")).contains(MediaKind.MP4);
        assertThat(MediaKind.ofContentType("image/svg+xml")).isEmpty();
        assertThat(MediaKind.ofContentType(null)).isEqualTo(Optional.empty());
        assertThat(MediaKind.MP4.isVideo()).isTrue();
        assertThat(MediaKind.WEBP.isVideo()).isFalse();
    }

    @Test
    void aPostsMediaColumnRoundTripsAndNoneIsNoColumn() {
        List<MediaRef> media = List.of(new MediaRef(912371336913879040L, MediaKind.JPEG), new MediaRef(5, MediaKind.MP4));
        assertThat(MediaRef.toColumn(media)).isEqualTo("912371336913879040:image/jpeg,5:video/mp4");
        assertThat(MediaRef.fromColumn(MediaRef.toColumn(media))).isEqualTo(media);
        assertThat(MediaRef.toColumn(List.of())).isNull();
        assertThat(MediaRef.fromColumn(null)).isEmpty();
        assertThat(media.get(0).path()).isEqualTo("/v1/media/912371336913879040");
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
