package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierfeed.core.PresenceCoalescing.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PresenceCoalescingTest {
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
    private static final TierRules RULES = TierRules.DEFAULTS;

    @Test
    void theFirstRequestOfAnIntervalIsStoredAtOnceAndItsLastWhenItIsOver() {
        PresenceCoalescing presence = new PresenceCoalescing(Duration.ofSeconds(1), RULES);

        assertThat(presence.request(7, T0)).containsExactly(new Presence(7, T0));
        assertThat(presence.request(7, T0.plusMillis(300))).isEmpty();
        assertThat(presence.request(7, T0.plusMillis(900))).isEmpty();
        assertThat(presence.closeBefore(T0.plusMillis(999))).isEmpty();
        assertThat(presence.closeBefore(T0.plusSeconds(1))).containsExactly(new Presence(7, T0.plusMillis(900)));
        // the next request opens a new interval
        assertThat(presence.request(7, T0.plusMillis(1500))).containsExactly(new Presence(7, T0.plusMillis(1500)));
    }

    @Test
    void aRequestAfterItsIntervalStoresThatIntervalsLastAndOpensTheNext() {
        PresenceCoalescing presence = new PresenceCoalescing(Duration.ofSeconds(1), RULES);
        presence.request(7, T0);
        presence.request(7, T0.plusMillis(400));

        assertThat(presence.request(7, T0.plusMillis(1200)))
                .containsExactly(new Presence(7, T0.plusMillis(400)), new Presence(7, T0.plusMillis(1200)));
        assertThat(presence.request(8, T0.plusMillis(1300))).as("another viewer").containsExactly(new Presence(8, T0.plusMillis(1300)));
    }

    @Test
    void theIntervalMustLeaveHalfTheWindowForStoringItsLastRequest() {
        assertThatThrownBy(() -> new PresenceCoalescing(Duration.ofSeconds(31), RULES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceCoalescing(Duration.ZERO, RULES)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The point of it: for every moment, "watching" over what was stored equals "watching" over every request. */
    @Test
    void watchingIsTheSameOverTheStoredRequestsAsOverAllOfThem() {
        Trials.forAll(PresenceCoalescingTest::requests, requests -> {
            Duration window = RULES.presenceWindow();
            PresenceCoalescing presence = new PresenceCoalescing(Duration.ofSeconds(1), RULES);
            List<Instant> stored = new ArrayList<>();
            Instant closedUpTo = T0;
            for (Instant at : requests) {
                // the replica closes intervals every quarter second, as its flusher does
                while (closedUpTo.plusMillis(250).isBefore(at)) {
                    closedUpTo = closedUpTo.plusMillis(250);
                    presence.closeBefore(closedUpTo).forEach(p -> stored.add(p.at()));
                }
                presence.request(1, at).forEach(p -> stored.add(p.at()));
            }
            presence.closeBefore(requests.get(requests.size() - 1).plus(window)).forEach(p -> stored.add(p.at()));
            assertThat(requests).containsAll(stored);
            for (Instant t = T0; t.isBefore(requests.get(requests.size() - 1).plus(window.multipliedBy(2))); t = t.plusMillis(37)) {
                assertThat(RULES.isWatching(stored, t)).as("watching at " + t).isEqualTo(RULES.isWatching(requests, t));
            }
        });
    }

    /** Bursts of requests with gaps around the window's length, at times a little out of order. */
    private static List<Instant> requests(SplittableRandom random) {
        List<Instant> requests = new ArrayList<>();
        Instant at = T0;
        int count = 1 + random.nextInt(40);
        for (int i = 0; i < count; i++) {
            long gap = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(0, 50);
                case 1 -> random.nextLong(0, 1500);
                case 2 -> 60_000 + random.nextLong(-1500, 1500);
                default -> random.nextLong(0, 120_000);
            };
            at = at.plusMillis(gap);
            requests.add(random.nextInt(10) == 0 ? at.minusMillis(random.nextLong(0, 20)) : at);
        }
        return requests;
    }
}
