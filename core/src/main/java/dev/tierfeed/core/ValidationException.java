package dev.tierfeed.core;

/**
 * Input that breaks a domain rule. Carries a stable, machine-readable {@code code} and a
 * message a person can act on; the serving layer turns it into a JSON error response.
 */
public final class ValidationException extends RuntimeException {
    private final String code;

    public ValidationException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
