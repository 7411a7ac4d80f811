package dev.tierfeed.serving.auth;

import dev.tierfeed.core.Ids;
import dev.tierfeed.serving.errors.ApiException;
import jakarta.ws.rs.core.Response.Status;
import java.security.Principal;

/**
 * Who a request acts for, as its bearer token says: a user ({@link Member}) or the operator. The
 * acting user always comes from here, never from a body or a path.
 */
public sealed interface Caller extends Principal {

    /** The user a request acts as; 403 {@code not_your_account} unless the caller is that user. */
    long actAs(long userId);

    /** The caller's own user id; 403 for the operator, who is no user. */
    long userId();

    /** Passes only for the operator; 403 {@code operator_only} otherwise. */
    void requireOperator();

    record Member(long id) implements Caller {
        @Override
        public long actAs(long userId) {
            if (userId != id) {
                throw new ApiException(Status.FORBIDDEN, "not_your_account",
                        "this token acts for user " + Ids.format(id) + ", not for " + Ids.format(userId));
            }
            return id;
        }

        @Override
        public long userId() {
            return id;
        }

        @Override
        public void requireOperator() {
            throw new ApiException(Status.FORBIDDEN, "operator_only", "only the operator may do this");
        }

        @Override
        public String getName() {
            return Ids.format(id);
        }
    }

    record Operator() implements Caller {
        @Override
        public long actAs(long userId) {
            throw new ApiException(Status.FORBIDDEN, "not_your_account", "the operator acts for no user; log in as the user");
        }

        @Override
        public long userId() {
            return actAs(0);
        }

        @Override
        public void requireOperator() {
        }

        @Override
        public String getName() {
            return "operator";
        }
    }
}
