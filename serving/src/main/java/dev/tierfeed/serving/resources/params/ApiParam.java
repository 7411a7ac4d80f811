package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.errors.ErrorView;
import io.dropwizard.jersey.params.AbstractParam;
import jakarta.ws.rs.core.Response;

/**
 * A path or query parameter parsed by a rule of {@code core}: one that breaks it is a 400 with
 * the rule's code ({@code malformed_id}, {@code malformed_page_token}, {@code invalid_limit}).
 */
abstract class ApiParam<T> extends AbstractParam<T> {
    ApiParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected Response error(String input, Exception e) {
        if (e instanceof ValidationException refused) {
            return ErrorView.response(Response.Status.BAD_REQUEST.getStatusCode(), refused.code(), refused.getMessage());
        }
        return super.error(input, e);
    }
}
