package dev.tierfeed.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A micro-batch's Spark plumbing on a local master: tasks, the stats they return, the driver's sum. */
class FanOutJobTest {
    private static SparkSession spark;

    @BeforeAll
    static void localSpark() {
        spark = SparkSession.builder().master("local[2]").appName("fan-out-test").config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aBatchWithoutPostEventsGoesThroughEveryTaskAndWritesNothing() {
        FanOutOptions options = new FanOutOptions();
        new CommandLine(options).parseArgs("--checkpoint", "file:///nowhere");
        FanOutJob job = new FanOutJob(spark, options);
        Dataset<Row> batch = spark.createDataFrame(List.of(RowFactory.create((Object) "not a post".getBytes(StandardCharsets.UTF_8)),
                RowFactory.create((Object) "{\"v\":99}".getBytes(StandardCharsets.UTF_8))),
                new StructType().add("value", DataTypes.BinaryType)).repartition(2);

        job.process(batch, 7);

        assertThat(job.progress().posts()).isZero();
        assertThat(job.progress().rows()).isZero();
    }
}
