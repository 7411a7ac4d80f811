package dev.tierfeed.core;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property runner: checks a property on many generated inputs, each from its own seed,
 * all drawn from one run seed that is printed, so that any run can be repeated exactly. A failure
 * names the trial's seed and its input. {@code -Dtierfeed.seed=N} replays one trial;
 * {@code -Dtierfeed.runSeed=N} replays a whole run. Without them every run draws a fresh run seed,
 * so coverage grows with every build.
 */
final class Trials {
    static final int DEFAULT_COUNT = 400;

    private Trials() {
    }

    static <T> void forAll(Function<SplittableRandom, T> generator, Consumer<T> property) {
        String replay = System.getProperty("tierfeed.seed");
        if (replay != null) {
            check(Long.parseLong(replay), generator, property);
            return;
        }
        String fixedRun = System.getProperty("tierfeed.runSeed");
        long runSeed = fixedRun != null ? Long.parseLong(fixedRun) : new SplittableRandom().nextLong();
        System.out.printf("trials: %d from run seed %d (replay the run with -Dtierfeed.runSeed=%d)%n", DEFAULT_COUNT, runSeed, runSeed);
        SplittableRandom seeds = new SplittableRandom(runSeed);
        for (int i = 0; i < DEFAULT_COUNT; i++) {
            check(seeds.nextLong(), generator, property);
        }
    }

    private static <T> void check(long seed, Function<SplittableRandom, T> generator, Consumer<T> property) {
        T input = generator.apply(new SplittableRandom(seed));
        try {
            property.accept(input);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("property failed for seed " + seed + " (replay with -Dtierfeed.seed=" + seed + ")\ninput: " + input, e);
        }
    }
}
