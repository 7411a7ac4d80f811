package dev.tierfeed.serving.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.tierfeed.serving.TierfeedConfiguration;
import dev.tierfeed.serving.db.CassandraSessions;
import dev.tierfeed.serving.db.SchemaMigrator;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code migrate tierfeed.yml}: creates the keyspace and applies pending schema versions. */
public final class MigrateCommand extends ConfiguredCommand<TierfeedConfiguration> {

    public MigrateCommand() {
        super("migrate", "Creates the keyspace and applies the pending CQL schema versions");
    }

    @Override
    protected void run(Bootstrap<TierfeedConfiguration> bootstrap, Namespace namespace, TierfeedConfiguration config) {
        try (CqlSession session = CassandraSessions.open(config.cassandra, false)) {
            int applied = new SchemaMigrator(session, config.cassandra.keyspace).migrate(config.cassandra.replicationFactor);
            System.out.println("schema of keyspace " + config.cassandra.keyspace + ": " + applied + " version(s) applied, up to date");
        }
    }
}
