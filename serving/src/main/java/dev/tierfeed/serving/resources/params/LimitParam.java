package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.ValidationException;

/**
 * A page size: a whole number. Its range is a Bean Validation constraint where it is used
 * ({@code @Min(1) @Max(100)} with the {@code invalid_limit} payload).
 */
public final class LimitParam extends ApiParam<Integer> {
    public static final int MAX = 100;
    public static final String DEFAULT = "20";
    public static final String RANGE = "limit must be a whole number from 1 to " + MAX;

    public LimitParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected Integer parse(String input) {
        try {
            return Integer.valueOf(input);
        } catch (NumberFormatException e) {
            throw new ValidationException("invalid_limit", RANGE + ", was '" + input + "'");
        }
    }
}
