package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserEventCodecTest {
    private static final Instant AT = Instant.parse("2026-11-27T09:15:30.123Z");

    @Test
    void everyTypeOfEventSurvivesTheRoundTripExactly() {
        List<UserEvent> events = new ArrayList<>(List.of(
                UserEvent.userCreated(new User(912371336913879040L, new Handle("Ada_L"), Tier.PREMIUM, AT)),
                UserEvent.tierChanged(7, Tier.FREE, AT),
                UserEvent.follow(new Follow(7, 8, AT)),
                UserEvent.unfollow(7, 8, AT),
                UserEvent.presence(7, AT),
                UserEvent.login(7, AT),
                UserEvent.logout(7, AT),
                UserEvent.loginFailed(new Handle("Ada_L"), 0, AT)));
        events.addAll(UserEvent.seen(7, List.of(100L, 101L), AT));

        for (UserEvent event : events) {
            assertThat(UserEventCodec.decode(UserEventCodec.encode(event))).isEqualTo(event);
        }
        assertThat(events).extracting(e -> e.type().lakeName())
                .containsExactly("user_created", "tier_changed", "follow", "unfollow", "presence", "login", "logout", "login_failed", "seen", "seen");
        assertThat(events.get(8).targetId()).isEqualTo(100L);
    }

    @Test
    void failedLogInsAreKeyedByTheCaseFoldedHandleTriedAndEveryOtherEventByItsUser() {
        assertThat(UserEvent.loginFailed(new Handle("Ada_L"), 0, AT).logKey()).isEqualTo("handle:ada_l");
        assertThat(UserEvent.loginFailed(new Handle("ADA_L"), 42, AT).logKey()).isEqualTo("handle:ada_l");
        assertThat(UserEvent.login(42, AT).logKey()).isEqualTo("42");
        assertThat(UserEvent.follow(new Follow(7, 8, AT)).logKey()).isEqualTo("7");
    }

    @Test
    void refusesRecordsThatAreNotVersionedEventsOfAKnownType() {
        assertThatThrownBy(() -> UserEventCodec.decode("[".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserEventCodec.decode("{\"v\":2,\"type\":\"follow\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no supported version");
        assertThatThrownBy(() -> UserEventCodec.decode("{\"v\":1,\"type\":\"like\",\"at\":0}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no event type like");
    }
}
