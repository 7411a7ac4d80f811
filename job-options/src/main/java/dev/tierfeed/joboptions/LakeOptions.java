package dev.tierfeed.joboptions;

import dev.tierfeed.core.EventLake;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a Spark job finds the event lake: the S3 endpoint, its keys and the lake's bucket, read through Hadoop's S3A. */
public final class LakeOptions {
    @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:TIERFEED_S3_ENDPOINT:-http://127.0.0.1:9000}",
            description = "the S3 endpoint (TIERFEED_S3_ENDPOINT; default ${DEFAULT-VALUE})")
    private String endpoint;

    @Option(names = "--s3-access-key", paramLabel = "KEY", defaultValue = "${env:TIERFEED_S3_ACCESS_KEY:-tierfeed}",
            description = "the store's access key (TIERFEED_S3_ACCESS_KEY; default ${DEFAULT-VALUE})")
    private String accessKey;

    @Option(names = "--s3-secret-key", paramLabel = "KEY", defaultValue = "${env:TIERFEED_S3_SECRET_KEY:-tierfeed-secret}",
            description = "the store's secret key (TIERFEED_S3_SECRET_KEY)", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    private String secretKey;

    @Option(names = "--lake-bucket", paramLabel = "NAME", defaultValue = "${env:TIERFEED_S3_LAKE_BUCKET:-tierfeed-lake}",
            description = "the lake's bucket (TIERFEED_S3_LAKE_BUCKET; default ${DEFAULT-VALUE})")
    private String bucket;

    /** The lake's root, {@code s3a://<bucket>/events}. */
    public String lakeUri() {
        return "s3a://" + bucket + "/" + EventLake.ROOT;
    }

    /** The Spark settings that point S3A at the store (path-style, plain HTTP unless the endpoint says https). */
    public Map<String, String> sparkSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.hadoop.fs.s3a.endpoint", endpoint);
        settings.put("spark.hadoop.fs.s3a.path.style.access", "true");
        settings.put("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString(endpoint.startsWith("https:")));
        settings.put("spark.hadoop.fs.s3a.access.key", accessKey);
        settings.put("spark.hadoop.fs.s3a.secret.key", secretKey);
        settings.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        // the default commit algorithm renames every task's files twice, a copy each on S3
        settings.put("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2");
        return settings;
    }
}
