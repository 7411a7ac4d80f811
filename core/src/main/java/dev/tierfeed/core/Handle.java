package dev.tierfeed.core;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's public handle: 1 to 15 ASCII letters, digits or underscores, as on Twitter.
 * Handles are unique without regard to case; {@link #key()} is the form uniqueness is checked on.
 */
public record Handle(String value) {
    public static final int MAX_LENGTH = 15;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_]{1," + MAX_LENGTH + "}");

    public Handle {
        if (value == null || value.isEmpty()) {
            throw new ValidationException("handle_required", "handle is required");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new ValidationException("invalid_handle",
                    "handle must be 1 to " + MAX_LENGTH + " letters, digits or underscores");
        }
    }

    /** The handle, or empty when the text is not one (a log-in with it then simply fails). */
    public static Optional<Handle> parse(String value) {
        try {
            return Optional.of(new Handle(value));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    /** The case-folded form that two handles must not share. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
