package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.tierfeed.serving.TierfeedConfiguration.CassandraSettings;
import io.dropwizard.lifecycle.Managed;
import java.net.InetSocketAddress;

/** Opens driver sessions from the configuration, and ties them to the service's lifecycle. */
public final class CassandraSessions {
    private CassandraSessions() {
    }

    /** A session; bound to the keyspace when {@code inKeyspace}, which must then exist. */
    public static CqlSession open(CassandraSettings settings, boolean inKeyspace) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout)
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistency)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, settings.requestTimeout.multipliedBy(4))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, settings.requestTimeout.multipliedBy(4))
                .build();
        var builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(settings.host, settings.port))
                .withLocalDatacenter(settings.localDatacenter)
                .withConfigLoader(config);
        if (inKeyspace) {
            builder = builder.withKeyspace(settings.keyspace);
        }
        return builder.build();
    }

    public static Managed managed(CqlSession session) {
        return new Managed() {
            @Override
            public void stop() {
                session.close();
            }
        };
    }
}
