package dev.tierfeed.batch;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** The batch jobs' access to Cassandra: tables as DataFrames through the connector, and CQL. */
final class CassandraTables {
    private final SparkSession spark;
    private final String keyspace;

    CassandraTables(SparkSession spark, String keyspace) {
        this.spark = spark;
        this.keyspace = keyspace;
    }

    /** A Spark session for a job, pointed at Cassandra unless spark-submit configured it already. */
    static SparkSession session(String appName, BatchOptions options) {
        // days in the audit are UTC days, wherever the job runs
        SparkSession.Builder builder = SparkSession.builder().appName(appName).config("spark.sql.session.timeZone", "UTC")
                // the connector's default of 5 writes in flight per task leaves Cassandra idle between commit-log syncs
                .config("spark.cassandra.output.concurrent.writes", "64");
        if (!new SparkConf().contains("spark.cassandra.connection.host")) {
            builder.config("spark.cassandra.connection.host", options.cassandraHost())
                    .config("spark.cassandra.connection.port", Integer.toString(options.cassandraPort()));
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

    CassandraConnector connector() {
        return CassandraConnector.apply(spark.sparkContext().getConf());
    }

    String keyspace() {
        return keyspace;
    }
}
