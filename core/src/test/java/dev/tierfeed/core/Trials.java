package dev.tierfeed.core;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property runner: checks a property on many generated inputs, each from its own
 * seed. A failure names the seed and the input; {@code -Dtierfeed.seed=N} replays that one input.
 * Every run uses fresh seeds, so coverage grows with every build.
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
        SplittableRandom seeds = new SplittableRandom();
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
