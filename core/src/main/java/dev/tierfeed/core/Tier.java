package dev.tierfeed.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An account's tier. A post carries its author's tier at the moment it was posted; the tier
 * decides how long the post waits in a follower's feed (see PRODUCT.md).
 *
 * <p>The declaration order is the feed order: premium first, then standard, then free.
 */
public enum Tier {
    PREMIUM,
    STANDARD,
    FREE;

    private static final String NAMES =
            Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    /** Parses a tier name as clients send it (case-insensitive), or refuses it. */
    public static Tier parse(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("tier_required", "tier is required, one of " + NAMES);
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("unknown_tier", "unknown tier '" + name + "', expected one of " + NAMES);
        }
    }
}
