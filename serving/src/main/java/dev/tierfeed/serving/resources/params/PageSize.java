package dev.tierfeed.serving.resources.params;

import dev.tierfeed.serving.errors.ErrorCodes;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A page size of 1 to {@link LimitParam#MAX}: {@code invalid_limit} otherwise. */
@ErrorCodes.Code("invalid_limit")
@Min(1)
@Max(LimitParam.MAX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageSize {
    String message() default LimitParam.RANGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
