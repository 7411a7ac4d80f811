package dev.tierfeed.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenRangeTest {
    private static final long MIN = Long.MIN_VALUE;
    private static final long MAX = Long.MAX_VALUE;
    private static final long EVERYTHING = Long.MAX_VALUE;   // fanned out through: no limit

    @Test
    void aViewerWhoHasSeenEveryRowGetsOneRunOverAllOfThemUpToWhatIsFannedOut() {
        assertThat(SeenRange.grow(Optional.empty(), List.of(10L, 20L, 30L), Set.of(10L, 20L, 30L), MIN, MAX, 25))
                .contains(new SeenRange(MIN, 25));
        assertThat(SeenRange.grow(Optional.empty(), List.of(10L, 20L, 30L), Set.of(10L, 20L, 30L), MIN, MAX, EVERYTHING))
                .contains(new SeenRange(MIN, MAX - 1));
    }

    @Test
    void anUnseenRowIsNeverInARunAndSplitsRunsOfWhichTheOneWithMostSeenRowsIsTaken() {
        List<Long> rows = List.of(10L, 20L, 30L, 40L, 50L, 60L);
        Set<Long> seen = Set.of(10L, 30L, 40L, 50L);   // 20 and 60 unseen
        assertThat(SeenRange.grow(Optional.empty(), rows, seen, MIN, MAX, EVERYTHING)).contains(new SeenRange(21, 59));
        assertThat(SeenRange.grow(Optional.empty(), rows, Set.of(), MIN, MAX, EVERYTHING)).isEmpty();
    }

    @Test
    void seenRowsNewerThanTheFanOutHasCompletedDoNotCount() {
        assertThat(SeenRange.grow(Optional.empty(), List.of(100L, 200L), Set.of(100L, 200L), MIN, MAX, 50)).isEmpty();
        assertThat(SeenRange.grow(Optional.empty(), List.of(10L, 100L, 200L), Set.of(10L, 100L, 200L), 5, MAX, 150))
                .contains(new SeenRange(5, 150));
    }

    @Test
    void aKnownRunGrowsUpThroughSeenRowsReadAboveItUntilAnUnseenOneOrTheFanOutHorizon() {
        Optional<SeenRange> known = Optional.of(new SeenRange(MIN, 100));
        // the read went from the top down to the run: rows above it are all it read
        assertThat(SeenRange.grow(known, List.of(110L, 120L, 130L), Set.of(110L, 120L), 101, MAX, EVERYTHING))
                .contains(new SeenRange(MIN, 129));
        assertThat(SeenRange.grow(known, List.of(110L, 120L), Set.of(110L, 120L), 101, MAX, 115)).contains(new SeenRange(MIN, 115));
        // a horizon behind the run (another replica's, older) never shrinks it
        assertThat(SeenRange.grow(known, List.of(110L), Set.of(110L), 101, MAX, 90)).contains(new SeenRange(MIN, 100));
    }

    @Test
    void aKnownRunGrowsDownOnlyWhereTheReadReachedBelowIt() {
        Optional<SeenRange> known = Optional.of(new SeenRange(50, 100));
        assertThat(SeenRange.grow(known, List.of(20L, 30L, 40L), Set.of(30L, 40L), 0, 50, EVERYTHING)).contains(new SeenRange(21, 100));
        assertThat(SeenRange.grow(known, List.of(30L, 40L), Set.of(30L, 40L), 0, 50, EVERYTHING)).contains(new SeenRange(0, 100));
        // a page after a cursor below the run read [0, 45): what lies in [45, 50) is unknown
        assertThat(SeenRange.grow(known, List.of(30L, 40L), Set.of(30L, 40L), 0, 45, EVERYTHING)).contains(new SeenRange(50, 100));
        // a read that stopped above the run learned nothing about what is next to it
        assertThat(SeenRange.grow(known, List.of(150L, 160L), Set.of(150L, 160L), 150, MAX, EVERYTHING)).contains(new SeenRange(50, 100));
    }

    @Test
    void theFanOutHorizonTrailsTheMomentTheLogWasReadToItsEndBySendTimeoutAndClockSkew() {
        Instant readAt = Instant.parse("2026-11-27T12:00:00Z");
        long through = SeenRange.fannedOutThrough(Optional.of(readAt), Duration.ofSeconds(10));
        Instant horizon = readAt.minusSeconds(10).minus(SeenRange.CLOCK_SKEW_ALLOWANCE);
        assertThat(through).isEqualTo(Ids.lowestAt(horizon) - 1);
        assertThat(Ids.instantOf(through)).isBefore(horizon);
        assertThat(SeenRange.fannedOutThrough(Optional.empty(), Duration.ofSeconds(10))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> new SeenRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A partition of rows, what the viewer has seen, a run stored before and what one read covered. */
    private record World(List<Long> rows, Set<Long> seen, Optional<SeenRange> known, long coveredLow, long coveredBelow, long fannedOut) {
    }

    @Test
    void aRunNeverHoldsAnUnseenRowOrARowBeyondTheHorizonAndNeverLosesWhatWasKnown() {
        Trials.forAll(SeenRangeTest::world, world -> {
            List<Long> read = world.rows.stream().filter(id -> id >= world.coveredLow && id < world.coveredBelow)
                    .filter(id -> world.known.map(range -> !range.contains(id)).orElse(true)).toList();
            Optional<SeenRange> grown = SeenRange.grow(world.known, read, world.seen, world.coveredLow, world.coveredBelow, world.fannedOut);
            world.known.ifPresent(known -> assertThat(grown).hasValueSatisfying(range ->
                    assertThat(range.low() <= known.low() && range.high() >= known.high()).as("contains " + known).isTrue()));
            grown.ifPresent(range -> {
                for (long id : world.rows) {
                    if (range.contains(id) && !world.known.map(known -> known.contains(id)).orElse(false)) {
                        assertThat(world.seen).as("row " + id + " in " + range).contains(id);
                        assertThat(id).as("row " + id + " read").isBetween(world.coveredLow, world.coveredBelow - 1);
                    }
                }
                if (range.high() > world.known.map(SeenRange::high).orElse(MIN)) {
                    assertThat(range.high()).isLessThanOrEqualTo(world.fannedOut);
                }
                // a run is what was known and what was read next to it: never an id that was neither
                SeenRange known = world.known.orElse(null);
                if (known == null) {
                    assertThat(range.low()).isGreaterThanOrEqualTo(world.coveredLow);
                    assertThat(range.high()).isLessThan(world.coveredBelow);
                } else {
                    if (range.low() < known.low()) {
                        assertThat(range.low()).isGreaterThanOrEqualTo(world.coveredLow);
                        assertThat(world.coveredBelow).as("read up to the run").isGreaterThanOrEqualTo(known.low());
                    }
                    if (range.high() > known.high()) {
                        assertThat(range.high()).isLessThan(world.coveredBelow);
                        assertThat(world.coveredLow).as("read down to the run").isLessThanOrEqualTo(known.high() + 1);
                    }
                }
            });
        });
    }

    private static World world(SplittableRandom random) {
        List<Long> rows = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (long id = 1; id <= 60; id++) {
            if (random.nextInt(3) == 0) {
                rows.add(id);
                if (random.nextInt(4) != 0) {
                    seen.add(id);
                }
            }
        }
        Optional<SeenRange> known = Optional.empty();
        if (random.nextBoolean()) {
            long low = random.nextLong(0, 50);
            SeenRange range = new SeenRange(low, random.nextLong(low, 60));
            // a stored run holds only seen rows
            rows.stream().filter(range::contains).forEach(seen::add);
            known = Optional.of(range);
        }
        long coveredLow = random.nextLong(0, 62);
        long coveredBelow = random.nextLong(coveredLow, 64);
        return new World(rows, seen, known, coveredLow, coveredBelow, random.nextLong(0, 70));
    }
}
