package dev.tierfeed.serving.errors;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A request that breaks a Bean Validation constraint: 400 for a parameter, 422 for a body (as
 * Dropwizard decides), with the constraint's code ({@link ErrorCodes}). When several
 * constraints fail, the one on the earliest property (by path) is reported, so the answer is stable.
 */
public final class ConstraintViolationMapper implements ExceptionMapper<JerseyViolationException> {
    @Override
    public Response toResponse(JerseyViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()).thenComparing(ConstraintViolation::getMessage))
                .orElseThrow();
        int status = ConstraintMessage.determineStatus(e.getConstraintViolations(), e.getInvocable());
        return ErrorView.response(status, codeOf(first), first.getMessage());
    }

    private static String codeOf(ConstraintViolation<?> violation) {
        ConstraintDescriptor<?> constraint = violation.getConstraintDescriptor();
        return Stream.concat(constraint.getPayload().stream(), Stream.of(constraint.getAnnotation().annotationType()))
                .map(type -> type.getAnnotation(ErrorCodes.Code.class))
                .filter(Objects::nonNull)
                .map(ErrorCodes.Code::value)
                .findFirst()
                .orElse("invalid_request");
    }
}
