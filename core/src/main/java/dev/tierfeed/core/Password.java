package dev.tierfeed.core;

import com.nulabinc.zxcvbn.StandardDictionaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * A new password as sign-up accepts it: 10 to 128 Unicode code points, not one of the 30,000 most
 * common passwords (zxcvbn's list, compared ignoring case) and not the handle itself. The text is
 * never printed ({@link #toString}); only its hash is stored.
 */
public final class Password {
    public static final int MIN_CODE_POINTS = 10;
    public static final int MAX_CODE_POINTS = 128;
    private static final Set<String> COMMON = common();

    private final String value;

    private Password(String value) {
        this.value = value;
    }

    /** The password a new account asks for, or a {@link ValidationException} naming the rule it breaks. */
    public static Password forNewAccount(String value, Handle handle) {
        if (value == null || value.isEmpty()) {
            throw new ValidationException("password_required", "a password is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length < MIN_CODE_POINTS) {
            throw new ValidationException("password_too_short", "a password needs at least " + MIN_CODE_POINTS + " characters");
        }
        if (length > MAX_CODE_POINTS) {
            throw new ValidationException("password_too_long", "a password has at most " + MAX_CODE_POINTS + " characters");
        }
        String folded = value.toLowerCase(Locale.ROOT);
        if (COMMON.contains(folded) || folded.equals(handle.key())) {
            throw new ValidationException("password_too_common", "this password is among the most common ones (or is the handle): choose another");
        }
        return new Password(value);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "Password[…]";
    }

    private static Set<String> common() {
        try {
            return Set.copyOf(StandardDictionaries.PASSWORDS_LOADER.load().getRankedDictionary().keySet());
        } catch (IOException e) {
            throw new UncheckedIOException("zxcvbn's password list is missing", e);
        }
    }
}
