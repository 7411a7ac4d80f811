package dev.tierfeed.bench;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options and the world of the benches that time one post at a time (post-to-feed, post-to-event):
 * a viewer following one author per tier, each author with other followers so that every post is a
 * real fan-out; posts go tiers in turn, the first {@code warmup} of them kept out of the percentiles.
 */
final class OnePostAtATime {
    private static final String[] TIERS = {"PREMIUM", "STANDARD", "FREE"};

    @Option(names = "--posts", paramLabel = "N", defaultValue = "150", description = "posts measured (default: ${DEFAULT-VALUE})")
    int posts;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "posts sent first and kept out of the percentiles (default: ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--followers", paramLabel = "N", defaultValue = "50",
            description = "other followers of each author (default: ${DEFAULT-VALUE})")
    int followers;

    /** The viewer's authors, one per tier in turn: post {@code i} goes from {@code authors.get(i % 3)}. */
    List<String> authorsOf(BenchApi client, String viewer) {
        return client.authorsFollowedBy(viewer, followers, TIERS);
    }
}
