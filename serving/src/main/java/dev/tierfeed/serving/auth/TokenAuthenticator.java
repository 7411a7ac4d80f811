package dev.tierfeed.serving.auth;

import dev.tierfeed.serving.db.SessionStore;
import io.dropwizard.auth.Authenticator;
import java.time.Clock;
import java.util.Optional;

/** A bearer token to its caller: the operator's token (a setting), or a session that has not expired. */
public final class TokenAuthenticator implements Authenticator<String, Caller> {
    private final SessionStore sessions;
    private final Optional<String> operatorToken;
    private final Clock clock;

    public TokenAuthenticator(SessionStore sessions, Optional<String> operatorToken, Clock clock) {
        this.sessions = sessions;
        this.operatorToken = operatorToken.filter(token -> !token.isBlank());
        this.clock = clock;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        if (operatorToken.isPresent() && Tokens.same(operatorToken.get(), token)) {
            return Optional.of(new Caller.Operator());
        }
        return sessions.find(Tokens.hashOf(token))
                .filter(session -> session.expiresAt().isAfter(clock.instant()))
                .map(session -> new Caller.Member(session.userId()));
    }
}
