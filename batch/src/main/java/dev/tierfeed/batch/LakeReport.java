package dev.tierfeed.batch;

import dev.tierfeed.core.EventLake;
import dev.tierfeed.joboptions.JobArguments;
import dev.tierfeed.joboptions.LakeOptions;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bin/tierfeed lake}: the lake's rows per day and event type, read through Spark from S3A
 * (the lake's root, so through the file sink's log: only committed files count). Prints one line
 * per day and type, {@code DATE TYPE ROWS}, oldest first.
 */
@Command(name = "LakeReport", mixinStandardHelpOptions = true, description = "Rows of the event lake per day and event type, read from S3A.")
public final class LakeReport {
    @Mixin
    private LakeOptions lake;

    public static void main(String[] args) throws Exception {
        LakeReport report = JobArguments.parseOrExit(new LakeReport(), args, r -> { });
        SparkSession.Builder builder = SparkSession.builder().appName("tierfeed-lake-report");
        report.lake.sparkSettings().forEach(builder::config);
        try (SparkSession spark = builder.getOrCreate()) {
            report.print(spark, System.out);
        }
    }

    void print(SparkSession spark, PrintStream out) throws Exception {
        print(spark, lake.lakeUri(), out);
    }

    /** The report of the lake whose root is {@code lakeRoot} (any file system Spark reads). */
    static void print(SparkSession spark, String lakeRoot, PrintStream out) throws Exception {
        Path root = new Path(lakeRoot);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
            out.println("the lake at " + root + " holds no events yet");
            return;
        }
        // the columns it reads, declared: a lake whose sink has committed no file yet has no schema to infer
        List<Row> counts = spark.read()
                .schema("id BIGINT, " + EventLake.TYPE + " STRING, " + EventLake.DATE + " STRING, " + EventLake.HOUR + " INT")
                .parquet(root.toString())
                .groupBy(EventLake.DATE, EventLake.TYPE).count()
                .orderBy(EventLake.DATE, EventLake.TYPE)
                .collectAsList();
        if (counts.isEmpty()) {
            out.println("the lake at " + root + " holds no events yet");
        }
        for (Row row : counts) {
            out.println(row.get(0) + " " + row.get(1) + " " + row.getLong(2));
        }
    }
}
