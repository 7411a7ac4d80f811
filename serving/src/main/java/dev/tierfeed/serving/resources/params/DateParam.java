package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.ValidationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** An ISO-8601 date ({@code 2026-11-27}, a UTC day); anything else is a 400 {@code invalid_date}. */
public final class DateParam extends ApiParam<LocalDate> {
    public DateParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected LocalDate parse(String input) {
        if (input == null) {
            return null;
        }
        try {
            return LocalDate.parse(input);
        } catch (DateTimeParseException e) {
            throw new ValidationException("invalid_date", "an ISO-8601 date such as 2026-11-27 was expected, was '" + input + "'");
        }
    }
}
