package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.IngestResolution;
import dev.tierfeed.core.ValidationException;

/**
 * How many of the most recent windows to return: a whole number from 1 to
 * {@link IngestResolution#MAX_LAST}; anything else is a 400 {@code invalid_last}.
 */
public final class LastParam extends ApiParam<Integer> {
    public LastParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected Integer parse(String input) {
        if (input == null) {
            return null;
        }
        try {
            int last = Integer.parseInt(input);
            if (last >= 1 && last <= IngestResolution.MAX_LAST) {
                return last;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ValidationException("invalid_last", "last must be a whole number from 1 to " + IngestResolution.MAX_LAST + ", was '" + input + "'");
    }
}
