package dev.tierfeed.serving.errors;

import com.datastax.oss.driver.api.core.DriverException;
import dev.tierfeed.serving.events.LogPublisher.LogUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Everything else. A backend that is down or too slow is 503 (the client may retry); a bug is
 * 500 with an id to find it in the log. Neither leaks internals to the client.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable thrown) {
        // a failure that surfaced through a future keeps its cause inside
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e instanceof LogUnavailableException) {
            LOG.warn("log unavailable", e);
            return ErrorView.response(503, "log_unavailable", e.getMessage() + "; retry later");
        }
        if (e instanceof DriverException) {
            LOG.warn("storage unavailable", e);
            return ErrorView.response(503, "storage_unavailable", "the storage (Cassandra) did not answer in time; retry later");
        }
        if (e instanceof SdkException) {
            LOG.warn("media store unavailable", e);
            return ErrorView.response(503, "store_unavailable", "the media store (S3) did not answer; retry later");
        }
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOG.error("unexpected error {}", id, e);
        return ErrorView.response(500, "internal_error", "unexpected error " + id + "; it has been logged");
    }
}
