package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.ValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** An ISO-8601 instant ({@code 2026-11-27T10:00:00Z}, or with an offset); anything else is a 400 {@code invalid_instant}. */
public final class InstantParam extends ApiParam<Instant> {
    public InstantParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected Instant parse(String input) {
        if (input == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(input).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("invalid_instant", "an ISO-8601 instant such as 2026-11-27T10:00:00Z was expected, was '" + input + "'");
        }
    }
}
