package dev.tierfeed.serving.resources;

import dev.tierfeed.serving.api.DeliveryAuditView;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.db.AuditStore;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.resources.params.DateParam;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The delivery audit of the nightly batch, for the operator: per day of posting in [from, to) and
 * tier, as of the latest run's cutoff, how many posts, addressed deliveries, seen, pending and
 * expired unseen (PREMIUM's must be 0).
 */
@Path("/v1/audit/delivery")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    /** The most days one request covers. */
    static final int MAX_DAYS = 366;

    private final AuditStore audit;

    public AuditResource(AuditStore audit) {
        this.audit = audit;
    }

    @GET
    public DeliveryAuditView delivery(@Auth Caller caller, @QueryParam("from") DateParam fromParam, @QueryParam("to") DateParam toParam) {
        caller.requireOperator();
        LocalDate from = fromParam == null ? null : fromParam.get();
        LocalDate to = toParam == null ? null : toParam.get();
        if (from == null || to == null || !from.isBefore(to)) {
            throw new ApiException(Status.BAD_REQUEST, "invalid_range", "from and to (days, to exclusive) are required, from before to");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new ApiException(Status.BAD_REQUEST, "range_too_large", "at most " + MAX_DAYS + " days a request");
        }
        return audit.latestRun().map(asOf -> DeliveryAuditView.of(asOf, audit.rows(asOf, from, to)))
                .orElseGet(() -> DeliveryAuditView.of(null, List.of()));
    }
}
