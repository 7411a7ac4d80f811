package dev.tierfeed.joboptions;

import dev.tierfeed.core.TierRules;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The settings of the tier rules, as ISO-8601 durations (P7D, PT24H, PT60S), from flags or the
 * same TIERFEED_* variables every layer reads; {@code core}'s {@link TierRules} interprets them.
 */
public final class TierRuleOptions {
    @Option(names = "--standard-retention", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_STANDARD_RETENTION:-P7D}",
            description = "a STANDARD post is pending while younger than this (TIERFEED_STANDARD_RETENTION; default ${DEFAULT-VALUE})")
    private Duration standardRetention;

    @Option(names = "--free-retention", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_FREE_RETENTION:-PT24H}",
            description = "a FREE post is pending while younger than this (TIERFEED_FREE_RETENTION; default ${DEFAULT-VALUE})")
    private Duration freeRetention;

    @Option(names = "--presence-window", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_PRESENCE_WINDOW:-PT60S}",
            description = "a viewer is watching after a feed request within this window (TIERFEED_PRESENCE_WINDOW; default ${DEFAULT-VALUE})")
    private Duration presenceWindow;

    @Option(names = "--premium-speed-ttl", paramLabel = "DURATION", defaultValue = "${env:TIERFEED_PREMIUM_SPEED_TTL:-P3D}",
            description = "how long PREMIUM speed-view rows live (TIERFEED_PREMIUM_SPEED_TTL; default ${DEFAULT-VALUE})")
    private Duration premiumSpeedTtl;

    /** The rules; refuses settings that are not positive. */
    public TierRules rules() {
        return new TierRules(standardRetention, freeRetention, presenceWindow, premiumSpeedTtl);
    }
}
