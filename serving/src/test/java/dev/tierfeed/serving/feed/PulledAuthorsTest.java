package dev.tierfeed.serving.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.tierfeed.core.HybridFanOut;
import dev.tierfeed.core.PullPeriods;
import dev.tierfeed.core.TierRules;
import dev.tierfeed.serving.db.PullStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PulledAuthorsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private final PullStore store = mock(PullStore.class);
    private final List<Runnable> background = new ArrayList<>();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void theFirstReadIsWaitedFor() {
        when(store.all()).thenReturn(Map.of(7L, new PullPeriods(T0.minusSeconds(60), List.of())));
        assertThat(new PulledAuthors(store, new HybridFanOut(3), TierRules.DEFAULTS, clock, background::add).toPull()).containsExactly(7L);
    }

    @Test
    void aStaleSnapshotIsServedWhileOneReadRunsInTheBackgroundAndAFailedReadKeepsIt() {
        MutableClock time = new MutableClock(T0);
        PulledAuthors authors = new PulledAuthors(store, new HybridFanOut(3), TierRules.DEFAULTS, time, background::add);
        when(store.all()).thenReturn(Map.of(7L, new PullPeriods(T0.minusSeconds(60), List.of())));
        assertThat(authors.toPull()).containsExactly(7L);

        time.now = T0.plus(PulledAuthors.REFRESH).plusMillis(1);
        doThrow(new DriverTimeoutException("Query timed out after PT5S")).when(store).all();
        assertThat(authors.toPull()).as("stale, while the read waits in the background").containsExactly(7L);
        assertThat(authors.toPull()).containsExactly(7L);
        assertThat(background).as("one read at a time").hasSize(1);
        background.remove(0).run();
        assertThat(authors.toPull()).as("the last snapshot, after the read failed").containsExactly(7L);

        doReturn(Map.of(8L, new PullPeriods(T0, List.of()))).when(store).all();
        assertThat(background).as("the next feed read starts another read").hasSize(1);
        background.remove(0).run();
        assertThat(authors.toPull()).containsExactly(8L);
        verify(store, times(3)).all();
    }

    @Test
    void withNoSnapshotYetAFailedReadFailsTheFeedRead() {
        when(store.all()).thenThrow(new DriverTimeoutException("Query timed out after PT5S"));
        PulledAuthors authors = new PulledAuthors(store, new HybridFanOut(3), TierRules.DEFAULTS, clock, background::add);
        assertThatThrownBy(authors::toPull).isInstanceOf(DriverTimeoutException.class);
        assertThat(background).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
