package dev.tierfeed.serving.health;

import com.codahale.metrics.health.HealthCheck;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.tierfeed.serving.db.Cql;

/** Healthy when Cassandra answers a query. */
public final class CassandraHealthCheck extends HealthCheck {
    private final CqlSession session;

    public CassandraHealthCheck(CqlSession session) {
        this.session = session;
    }

    @Override
    protected Result check() {
        String version = session.execute(Cql.statement("SELECT release_version FROM system.local")).one().getString(0);
        return Result.healthy("Cassandra " + version);
    }
}
