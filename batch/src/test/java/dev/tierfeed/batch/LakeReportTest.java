package dev.tierfeed.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.core.EventLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tierfeed lake}'s report on a local lake laid out as the streaming job writes it. */
class LakeReportTest {
    @TempDir
    Path dir;

    @Test
    void aLakeWithNoFileYetSaysSoAndOneWithEventsIsCountedPerDayAndType() throws Exception {
        Path lake = dir.resolve("events");
        Files.createDirectories(lake.resolve("_spark_metadata")); // a sink that has committed nothing yet
        assertThat(report(lake).trim()).startsWith("the lake at file:").endsWith("/events holds no events yet");

        StructType schema = new StructType().add("id", DataTypes.LongType).add(EventLake.TYPE, DataTypes.StringType)
                .add(EventLake.DATE, DataTypes.StringType).add(EventLake.HOUR, DataTypes.IntegerType);
        List<Row> rows = List.of(RowFactory.create(1L, "post", "2026-11-26", 23), RowFactory.create(2L, "post", "2026-11-27", 0),
                RowFactory.create(3L, "post", "2026-11-27", 1), RowFactory.create(4L, "follow", "2026-11-27", 1));
        Worlds.spark().createDataFrame(rows, schema).write().partitionBy(EventLake.TYPE, EventLake.DATE, EventLake.HOUR)
                .mode("overwrite").parquet(lake.toUri().toString());

        assertThat(report(lake).lines().toList()).containsExactly("2026-11-26 post 1", "2026-11-27 follow 1", "2026-11-27 post 2");
    }

    private static String report(Path lake) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            LakeReport.print(Worlds.spark(), lake.toUri().toString(), print);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
