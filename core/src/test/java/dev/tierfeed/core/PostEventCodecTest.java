package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
    void refusesRecordsThatAreNotVersionedPostEvents() {
        assertThatThrownBy(() -> PostEventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostEventCodec.decode("{\"v\":99}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no supported version");
    }
}
