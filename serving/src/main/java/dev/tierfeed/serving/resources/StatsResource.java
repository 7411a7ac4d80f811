package dev.tierfeed.serving.resources;

import dev.tierfeed.core.IngestResolution;
import dev.tierfeed.core.ValidationException;
import dev.tierfeed.serving.api.IngestStatsView;
import dev.tierfeed.serving.db.IngestCountsStore;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.resources.params.InstantParam;
import dev.tierfeed.serving.resources.params.LastParam;
import dev.tierfeed.serving.resources.params.ResolutionParam;
import io.dropwizard.jersey.params.AbstractParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.Clock;
import java.time.Instant;

/**
 * The ingest statistics: accepted posts per window of 10 ms, 1 s or 1 min, as the streaming job
 * counted them. Either a range ({@code from}, {@code to}: the windows starting in it, at most
 * {@link IngestResolution#MAX_WINDOWS}) or the {@code last} N windows that hold a count.
 */
@Path("/v1/stats/ingest")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
    private final IngestCountsStore counts;
    private final Clock clock;

    public StatsResource(IngestCountsStore counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
    }

    @GET
    public IngestStatsView ingest(@QueryParam("resolution") ResolutionParam resolutionParam, @QueryParam("from") InstantParam fromParam,
                                  @QueryParam("to") InstantParam toParam, @QueryParam("last") LastParam lastParam) {
        IngestResolution resolution = value(resolutionParam);
        Instant from = value(fromParam);
        Instant to = value(toParam);
        Integer last = value(lastParam);
        if (resolution == null) {
            throw badRequest("invalid_resolution", "resolution is required: 10ms, 1s or 1m");
        }
        if (last != null) {
            if (from != null || to != null) {
                throw badRequest("invalid_range", "give either last or from and to, not both");
            }
            return IngestStatsView.of(resolution, counts.latest(resolution, last, clock.instant()));
        }
        if (from == null || to == null) {
            throw badRequest("invalid_range", "from and to (ISO-8601 instants) are required, or last");
        }
        try {
            resolution.checkRange(from, to);
        } catch (ValidationException e) {
            throw badRequest(e.code(), e.getMessage());
        }
        return IngestStatsView.of(resolution, counts.between(resolution, from, to));
    }

    private static <T> T value(AbstractParam<T> param) {
        return param == null ? null : param.get();
    }

    private static ApiException badRequest(String code, String message) {
        return new ApiException(Status.BAD_REQUEST, code, message);
    }
}
