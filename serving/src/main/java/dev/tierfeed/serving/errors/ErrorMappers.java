package dev.tierfeed.serving.errors;

import java.util.List;

/** Every exception mapper of the API, in one list for the application and its resource tests. */
public final class ErrorMappers {
    private ErrorMappers() {
    }

    public static List<Object> all() {
        return List.of(new ApiExceptionMapper(), new ValidationExceptionMapper(), new ConstraintViolationMapper(),
                new JsonExceptionMapper(), new WebApplicationExceptionMapper(), new UnexpectedExceptionMapper());
    }
}
