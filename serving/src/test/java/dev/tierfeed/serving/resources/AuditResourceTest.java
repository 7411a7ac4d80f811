package dev.tierfeed.serving.resources;

import static dev.tierfeed.serving.resources.Resources.as;
import static dev.tierfeed.serving.resources.Resources.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.serving.db.AuditStore;
import dev.tierfeed.serving.db.AuditStore.AuditRow;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The delivery audit over HTTP: the operator's alone, the latest run's rows for the days asked. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditResourceTest {
    private static final AuditStore AUDIT = mock(AuditStore.class);
    private static final ResourceExtension RESOURCE = Resources.of(new AuditResource(AUDIT));
    private static final Instant CUTOFF = Instant.parse("2026-11-27T00:00:00Z");

    @AfterEach
    void forget() {
        reset(AUDIT);
    }

    @Test
    void theOperatorReadsTheLatestRunsRowsForTheDaysAsked() {
        when(AUDIT.latestRun()).thenReturn(Optional.of(CUTOFF));
        when(AUDIT.rows(CUTOFF, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"))).thenReturn(List.of(
                new AuditRow(LocalDate.parse("2026-11-26"), "PREMIUM", 3, 12, 10, 2, 0)));

        JsonNode audit = RESOURCE.target("/v1/audit/delivery").queryParam("from", "2026-11-20").queryParam("to", "2026-11-27")
                .request().header("Authorization", Resources.OPERATOR).get(JsonNode.class);

        assertThat(audit.path("asOf").asText()).isEqualTo("2026-11-27T00:00:00Z");
        JsonNode row = audit.path("rows").get(0);
        assertThat(row.path("day").asText()).isEqualTo("2026-11-26");
        assertThat(row.path("tier").asText()).isEqualTo("PREMIUM");
        assertThat(row.path("addressed").asLong()).isEqualTo(12);
        assertThat(row.path("expiredUnseen").asLong()).isZero();
    }

    @Test
    void beforeTheFirstRunThereIsNoCutoffAndNoRow() {
        when(AUDIT.latestRun()).thenReturn(Optional.empty());
        JsonNode audit = RESOURCE.target("/v1/audit/delivery").queryParam("from", "2026-11-20").queryParam("to", "2026-11-27")
                .request().header("Authorization", Resources.OPERATOR).get(JsonNode.class);
        assertThat(audit.path("asOf").isNull()).isTrue();
        assertThat(audit.path("rows")).isEmpty();
    }

    @Test
    void membersAreRefusedAndRangesChecked() {
        Response member = RESOURCE.target("/v1/audit/delivery").queryParam("from", "2026-11-20").queryParam("to", "2026-11-27")
                .request().header("Authorization", as(1)).get();
        assertThat(member.getStatus()).isEqualTo(403);
        assertThat(codeOf(member)).isEqualTo("operator_only");
        assertThat(RESOURCE.target("/v1/audit/delivery").queryParam("from", "2026-11-20").queryParam("to", "2026-11-27").request().get().getStatus())
                .isEqualTo(401);
        assertThat(codeOf(get("2026-11-20", "2026-11-20"))).isEqualTo("invalid_range");
        assertThat(codeOf(get("2026-11-20", null))).isEqualTo("invalid_range");
        assertThat(codeOf(get("2026-11-20T00:00:00Z", "2026-11-27"))).isEqualTo("invalid_date");
        assertThat(codeOf(get("", "2026-11-27"))).isEqualTo("invalid_date");
        assertThat(codeOf(get("2025-01-01", "2026-11-27"))).isEqualTo("range_too_large");
        verify(AUDIT, never()).rows(any(), any(), any());
    }

    private static Response get(String from, String to) {
        var target = RESOURCE.target("/v1/audit/delivery").queryParam("from", from);
        if (to != null) {
            target = target.queryParam("to", to);
        }
        return target.request().header("Authorization", Resources.OPERATOR).get();
    }
}
