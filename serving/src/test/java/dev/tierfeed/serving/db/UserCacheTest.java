package dev.tierfeed.serving.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Tier;
import dev.tierfeed.core.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aUserIsReadOnceUntilThisReplicaChangesIt() {
        UserStore store = mock(UserStore.class);
        when(store.find(1)).thenReturn(Optional.of(user(Tier.FREE)), Optional.of(user(Tier.PREMIUM)));
        UserCache cache = new UserCache(store, Duration.ofMinutes(1), 10);

        assertThat(cache.find(1)).map(User::tier).contains(Tier.FREE);
        assertThat(cache.find(1)).map(User::tier).contains(Tier.FREE);
        verify(store, times(1)).find(1);

        cache.forget(1);
        assertThat(cache.find(1)).map(User::tier).contains(Tier.PREMIUM);
    }

    @Test
    void aUserThatDoesNotExistIsNotRemembered() {
        UserStore store = mock(UserStore.class);
        when(store.find(2)).thenReturn(Optional.empty(), Optional.of(new User(2, new Handle("late"), Tier.FREE, NOW)));
        UserCache cache = new UserCache(store, Duration.ofMinutes(1), 10);

        assertThat(cache.find(2)).isEmpty();
        assertThat(cache.find(2)).isPresent();
    }

    private static User user(Tier tier) {
        return new User(1, new Handle("ada"), tier, NOW);
    }
}
