package dev.tierfeed.batch;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import dev.tierfeed.core.CqlIdempotence;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The batch jobs' access to Cassandra: tables as DataFrames through the connector, and CQL. Every
 * read and write is at {@link #CONSISTENCY}: unless told, the connector reads at LOCAL_ONE (at a
 * replication factor of 3 the one replica asked may lack a write the service made at LOCAL_QUORUM),
 * and the statements run on its session ({@link #cql}) take the driver's default, LOCAL_ONE.
 */
final class CassandraTables {
    static final ConsistencyLevel CONSISTENCY = DefaultConsistencyLevel.LOCAL_QUORUM;
    private static final List<String> CONSISTENCY_SETTINGS = List.of("spark.cassandra.input.consistency.level", "spark.cassandra.output.consistency.level");

    private final SparkSession spark;
    private final String keyspace;

    CassandraTables(SparkSession spark, String keyspace) {
        this.spark = spark;
        this.keyspace = keyspace;
    }

    /** A Spark session for a job, pointed at Cassandra and reading and writing at {@link #CONSISTENCY} unless spark-submit configured them already. */
    static SparkSession session(String appName, BatchOptions options) {
        // days in the audit are UTC days, wherever the job runs
        SparkSession.Builder builder = SparkSession.builder().appName(appName).config("spark.sql.session.timeZone", "UTC")
                // the connector's default of 5 writes in flight per task leaves Cassandra idle between commit-log syncs
                .config("spark.cassandra.output.concurrent.writes", "64");
        SparkConf submitted = new SparkConf();
        if (!submitted.contains("spark.cassandra.connection.host")) {
            builder.config("spark.cassandra.connection.host", options.cassandraHost())
                    .config("spark.cassandra.connection.port", Integer.toString(options.cassandraPort()));
        }
        for (String setting : CONSISTENCY_SETTINGS) {
            if (!submitted.contains(setting)) {
                builder.config(setting, CONSISTENCY.name());
            }
        }
        return builder.getOrCreate();
    }

    Dataset<Row> read(String table) {
        return spark.read().format("org.apache.spark.sql.cassandra")
                .options(Map.of("keyspace", keyspace, "table", table)).load();
    }

    void append(Dataset<Row> rows, String table) {
        rows.write().format("org.apache.spark.sql.cassandra")
                .options(Map.of("keyspace", keyspace, "table", table))
                .mode(SaveMode.Append).save();
    }

    /** Runs CQL on the driver through the connector's pooled session. */
    <T> T cql(Function<CqlSession, T> work) {
        try (CqlSession session = connector().openSession()) {
            return work.apply(session);
        }
    }

    /**
     * {@code cql} with its values, for {@link #cql}: at {@link #CONSISTENCY}, and idempotent when it
     * may run twice ({@link CqlIdempotence}), so the driver sends it to another node when its own dies.
     */
    static SimpleStatement statement(String cql, Object... values) {
        return SimpleStatement.newInstance(cql, values).setIdempotent(CqlIdempotence.isIdempotent(cql)).setConsistencyLevel(CONSISTENCY);
    }

    CassandraConnector connector() {
        return CassandraConnector.apply(spark.sparkContext().getConf());
    }

    String keyspace() {
        return keyspace;
    }
}
