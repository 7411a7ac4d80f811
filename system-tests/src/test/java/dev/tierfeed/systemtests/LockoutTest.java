package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.assertError;
import static dev.tierfeed.systemtests.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.tierfeed.stack.Stack;
import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lockout across replicas: failed log-ins sent to two replicas of the service are counted together
 * (each is an event on the log, counted by the replicas' consumer group), and the lock they set
 * refuses the right password on both until it ends. The test stack's lock lasts 20 s
 * (tierfeed-test.properties); the attempts (5) and the window (15 min) are the defaults.
 */
@ExtendWith(TierfeedStackExtension.class)
class LockoutTest {
    private static final String RIGHT = "the right long password";
    private static final String WRONG = "a wrong long password";
    private static final Duration LOCK = Duration.ofSeconds(20);

    @Test
    void failedLogInsOnTwoReplicasLockTheHandleOnBothUntilTheLockEnds(TestStack stack) {
        Api first = Api.of(stack);
        String handle = Api.uniqueHandle();
        String nobody = Api.uniqueHandle(); // no account has it: it must lock all the same
        assertThat(first.post("/v1/users", json("handle", handle, "password", RIGHT)).status()).isEqualTo(201);

        try (Stack.ServingReplica replica = stack.startServingReplica(1); CqlSession cql = Cql.open(stack)) {
            Api second = first.atPort(replica.apiPort());
            for (Api api : new Api[] {first, second, first, second}) {
                assertError(api.post("/v1/sessions", json("handle", handle, "password", WRONG)), 401, "invalid_credentials");
                assertError(api.post("/v1/sessions", json("handle", nobody, "password", WRONG)), 401, "invalid_credentials");
            }
            // four failures are counted, from both replicas, and are not yet a lock: the right password opens a session
            await("four failures counted").atMost(Duration.ofSeconds(15)).pollInterval(Api.POLL)
                    .until(() -> failuresOf(cql, handle) == 4 && failuresOf(cql, nobody) == 4);
            assertThat(second.post("/v1/sessions", json("handle", handle, "password", RIGHT)).status()).isEqualTo(201);

            Instant fifthSent = Instant.now();
            assertError(second.post("/v1/sessions", json("handle", handle, "password", WRONG)), 401, "invalid_credentials");
            assertError(first.post("/v1/sessions", json("handle", nobody, "password", WRONG)), 401, "invalid_credentials");

            // the fifth locks the handle on both replicas: the right password is refused, and so is an unknown handle, alike
            Api.Reply locked = await("the lock to reach the first replica").atMost(Duration.ofSeconds(15)).pollInterval(Api.POLL)
                    .until(() -> first.post("/v1/sessions", json("handle", handle, "password", RIGHT)), reply -> reply.status() != 201);
            assertError(locked, 423, "account_locked");
            long retryAfter = Long.parseLong(locked.raw().headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, LOCK.toSeconds());
            assertError(second.post("/v1/sessions", json("handle", handle, "password", RIGHT)), 423, "account_locked");
            assertError(second.post("/v1/sessions", json("handle", handle.toUpperCase(Locale.ROOT), "password", WRONG)), 423, "account_locked");
            Api.Reply lockedNobody = await("the lock of the unknown handle").atMost(Duration.ofSeconds(15)).pollInterval(Api.POLL)
                    .until(() -> second.post("/v1/sessions", json("handle", nobody, "password", WRONG)), reply -> reply.status() != 401);
            assertError(lockedNobody, 423, "account_locked");
            assertThat(lockedNobody.body()).isEqualTo(locked.body());

            // the right password does not open it early; once the lock ends it does, and attempts while locked did not count
            Api.Reply opened = await("the lock to end").atMost(LOCK.plusSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> second.post("/v1/sessions", json("handle", handle, "password", RIGHT)), reply -> reply.status() != 423);
            assertThat(opened.status()).isEqualTo(201);
            assertThat(Instant.now()).isAfterOrEqualTo(fifthSent.plus(LOCK));
            assertThat(failuresOf(cql, handle)).isEqualTo(5);
            assertError(first.post("/v1/sessions", json("handle", handle, "password", WRONG)), 401, "invalid_credentials");
        }
    }

    private static long failuresOf(CqlSession cql, String handle) {
        return cql.execute("SELECT count(*) FROM login_failures WHERE handle_key = ?", handle.toLowerCase(Locale.ROOT)).one().getLong(0);
    }
}
