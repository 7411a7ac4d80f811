package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.tierfeed.serving.TierfeedConfiguration.CassandraSettings;
import io.dropwizard.lifecycle.Managed;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

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
                .addContactPoints(contactPoints(settings.host, settings.port))
                .withLocalDatacenter(settings.localDatacenter)
                .withConfigLoader(config);
        if (inKeyspace) {
            builder = builder.withKeyspace(settings.keyspace);
        }
        return builder.build();
    }

    /** {@code host} is one address or several separated by commas (a cluster's nodes, any of which may be down), all on {@code port}. */
    static List<InetSocketAddress> contactPoints(String host, int port) {
        return Arrays.stream(host.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> new InetSocketAddress(name, port)).toList();
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
