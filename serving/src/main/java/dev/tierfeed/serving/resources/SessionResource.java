package dev.tierfeed.serving.resources;

import dev.tierfeed.core.Handle;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.api.CreateSessionRequest;
import dev.tierfeed.serving.api.SessionView;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.auth.PasswordHasher;
import dev.tierfeed.serving.auth.Tokens;
import dev.tierfeed.serving.db.LockoutStore;
import dev.tierfeed.serving.db.SessionStore;
import dev.tierfeed.serving.db.UserCache;
import dev.tierfeed.serving.db.UserStore;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.errors.ErrorCodes;
import dev.tierfeed.serving.events.LogPublisher;
import io.dropwizard.auth.Auth;
import io.dropwizard.auth.CachingAuthenticator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Log-in and log-out. A log-in checks the password against its Argon2id hash and opens a session:
 * a new opaque token, stored only as its hash, valid for the session lifetime. A wrong handle and a
 * wrong password get the same answer in about the same time. The operator may open a session for
 * any user by id (support, load tests) with its own token instead of a password.
 */
@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SessionResource {
    private final UserStore users;
    private final UserCache known;
    private final SessionStore sessions;
    private final LockoutStore lockouts;
    private final LogPublisher log;
    private final PasswordHasher hasher;
    private final CachingAuthenticator<String, Caller> tokens;
    private final Duration lifetime;
    private final Clock clock;

    public SessionResource(UserStore users, UserCache known, SessionStore sessions, LockoutStore lockouts, LogPublisher log,
                           PasswordHasher hasher, CachingAuthenticator<String, Caller> tokens, Duration lifetime, Clock clock) {
        this.users = users;
        this.known = known;
        this.sessions = sessions;
        this.lockouts = lockouts;
        this.log = log;
        this.hasher = hasher;
        this.tokens = tokens;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @POST
    public Response logIn(@Auth Optional<Caller> caller,
                          @Valid @NotNull(payload = ErrorCodes.BodyRequired.class, message = "a JSON request body is required") CreateSessionRequest request) {
        long userId = request.userId() != null ? openedByOperator(caller, request.userId()) : checkedPassword(request);
        String token = Tokens.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        log.appendNow(List.of(UserEvent.login(userId, now)));
        sessions.create(Tokens.hashOf(token), userId, now, lifetime);
        return Response.status(Status.CREATED).entity(new SessionView(token, Ids.format(userId), now.plus(lifetime).toString())).build();
    }

    /** Ends the session whose token the request carries, at once on this replica and for every replica once their cache has let it go. */
    @DELETE
    @Path("current")
    public Response logOut(@Auth Caller caller, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        long userId = caller.userId(); // the operator's token is a setting, not a session
        String token = authorization.substring(authorization.indexOf(' ') + 1).trim();
        log.appendNow(List.of(UserEvent.logout(userId, clock.instant())));
        sessions.delete(Tokens.hashOf(token));
        tokens.invalidate(token);
        return Response.noContent().build();
    }

    /**
     * The account whose handle and password these are. A locked handle is refused before its password
     * is checked (423, whether or not an account has it); a failure is appended to the log, where the
     * {@link dev.tierfeed.serving.lockout.LoginFailureCounter} counts it, before the client hears of it.
     */
    private long checkedPassword(CreateSessionRequest request) {
        if (request.handle() == null || request.password() == null) {
            throw new ValidationException("credentials_required", "handle and password are required");
        }
        Optional<Handle> handle = Handle.parse(request.handle());
        Instant now = clock.instant();
        handle.flatMap(h -> lockouts.latestLock(h.key())).filter(lock -> lock.holdsAt(now)).ifPresent(lock -> {
            throw ApiException.locked("account_locked", "too many failed log-ins: log-in is locked for a while", lock.secondsLeft(now));
        });
        Optional<Long> id = handle.flatMap(users::idOf);
        String hash = id.flatMap(users::passwordHashOf).orElse(null);
        if (!hasher.matches(request.password(), hash)) {
            // a text that is no handle can never match an account: nothing to lock
            handle.ifPresent(h -> log.appendNow(List.of(UserEvent.loginFailed(h, id.orElse(0L), now))));
            throw new ApiException(Status.UNAUTHORIZED, "invalid_credentials", "no account has this handle and password");
        }
        return id.orElseThrow();
    }

    private long openedByOperator(Optional<Caller> caller, String userId) {
        caller.orElseThrow(() -> new ApiException(Status.FORBIDDEN, "operator_only", "only the operator opens a session by user id"))
                .requireOperator();
        return UserResource.existing(known, Ids.parse(userId, "userId")).id();
    }
}
