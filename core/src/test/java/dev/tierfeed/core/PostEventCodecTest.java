package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostEventCodecTest {

    @Test
    void aPostSurvivesTheRoundTripExactly() {
        long id = new IdGenerator(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), 3).next();
        Post post = Post.create(id, 42L, Tier.STANDARD, new PostText("héllo \"world\"\n\uD83D\uDE00"));

        Post decoded = PostEventCodec.decode(PostEventCodec.encode(post));

        assertThat(decoded).isEqualTo(post);
        assertThat(decoded.createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void mediaSurviveTheRoundTripAndOldEventsHaveNone() {
        long id = new IdGenerator(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), 3).next();
        Post post = Post.create(id, 42L, Tier.PREMIUM, new PostText(""),
                List.of(new MediaRef(id - 5, MediaKind.PNG), new MediaRef(id - 4, MediaKind.MP4)));

        assertThat(PostEventCodec.decode(PostEventCodec.encode(post))).isEqualTo(post);
        String old = "{\"v\":1,\"id\":" + id + ",\"authorId\":42,\"tier\":\"FREE\",\"text\":\"hi\",\"createdAt\":0}";
        assertThat(PostEventCodec.decode(old.getBytes(StandardCharsets.UTF_8)).media()).isEmpty();
    }

    @Test
    void refusesRecordsThatAreNotVersionedPostEvents() {
        assertThatThrownBy(() -> PostEventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostEventCodec.decode("{\"v\":99}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no supported version");
    }
}
