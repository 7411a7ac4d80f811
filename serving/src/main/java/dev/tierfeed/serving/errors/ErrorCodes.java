package dev.tierfeed.serving.errors;

import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error codes that Bean Validation constraints report: carried as a constraint's payload,
 * e.g. {@code @NotNull(payload = ErrorCodes.BodyRequired.class)}, or by a constraint annotation of
 * our own annotated with {@link Code}; {@link ConstraintViolationMapper} turns a violation into
 * {@code {"code", "message"}}.
 */
public final class ErrorCodes {
    private ErrorCodes() {
    }

    /** The code a payload or a constraint annotation stands for. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Code {
        String value();
    }

    @Code("body_required")
    public interface BodyRequired extends Payload {
    }

    @Code("post_ids_required")
    public interface PostIdsRequired extends Payload {
    }

    @Code("too_many_post_ids")
    public interface TooManyPostIds extends Payload {
    }
}
