package dev.tierfeed.serving.auth;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import dev.tierfeed.core.Password;

/**
 * Passwords as memory-hard hashes: Argon2id (Password4j), 19 MiB, 2 passes, 1 lane — OWASP's
 * minimum — in the PHC string format, which carries its own salt and parameters, so hashes made
 * with other parameters still verify.
 */
public final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    /** Verified when the handle is unknown, so an unknown handle takes as long as a wrong password. */
    private final String decoy;

    public PasswordHasher() {
        this.decoy = hash("the decoy of an unknown handle");
    }

    public String hash(Password password) {
        return hash(password.value());
    }

    private static String hash(String plain) {
        return com.password4j.Password.hash(plain).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** Whether {@code plain} is the password of {@code hash}; with a null hash (no such account) checks the decoy and says no. */
    public boolean matches(String plain, String hash) {
        String against = hash == null ? decoy : hash;
        boolean matches = plain != null && com.password4j.Password.check(plain, against).with(Argon2Function.getInstanceFromHash(against));
        return hash != null && matches;
    }
}
