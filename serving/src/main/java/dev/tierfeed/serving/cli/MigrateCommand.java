package dev.tierfeed.serving.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.tierfeed.serving.TierfeedConfiguration;
import dev.tierfeed.serving.db.CassandraSessions;
import dev.tierfeed.serving.db.SchemaMigrator;
import dev.tierfeed.serving.objects.ObjectStore;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code migrate tierfeed.yml}: creates the keyspace and applies pending schema versions, and
 * creates the S3 buckets that do not exist yet (S3A and the SDK never create one themselves).
 */
public final class MigrateCommand extends ConfiguredCommand<TierfeedConfiguration> {

    public MigrateCommand() {
        super("migrate", "Creates the keyspace, applies the pending CQL schema versions and creates the S3 buckets");
    }

    @Override
    protected void run(Bootstrap<TierfeedConfiguration> bootstrap, Namespace namespace, TierfeedConfiguration config) {
        try (CqlSession session = CassandraSessions.open(config.cassandra, false)) {
            int applied = new SchemaMigrator(session, config.cassandra.keyspace).migrate(config.cassandra.replicationFactor);
            System.out.println("schema of keyspace " + config.cassandra.keyspace + ": " + applied + " version(s) applied, up to date");
        }
        try (ObjectStore store = ObjectStore.open(config.s3)) {
            List<String> created = store.ensureBuckets();
            System.out.println("buckets at " + config.s3.endpoint + ": " + String.join(", ", store.buckets())
                    + (created.isEmpty() ? " (all existed)" : " (created " + String.join(", ", created) + ")"));
        }
    }
}
