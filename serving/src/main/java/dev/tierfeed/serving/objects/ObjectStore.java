package dev.tierfeed.serving.objects;

import dev.tierfeed.serving.TierfeedConfiguration.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The S3-compatible store of the lake and the media, through the AWS SDK v2: path-style
 * addressing and static keys, so that any S3 endpoint works (the embedded S3Proxy, MinIO, AWS).
 */
public final class ObjectStore implements AutoCloseable {
    private final S3Client client;
    private final S3Settings settings;

    private ObjectStore(S3Client client, S3Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    public static ObjectStore open(S3Settings settings) {
        S3Client client = S3Client.builder()
                .endpointOverride(URI.create(settings.endpoint))
                .region(Region.of(settings.region))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey, settings.secretKey)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
        return new ObjectStore(client, settings);
    }

    public S3Client client() {
        return client;
    }

    /** The buckets tierfeed uses: the lake's and the media's. */
    public List<String> buckets() {
        return List.of(settings.lakeBucket, settings.mediaBucket);
    }

    /** Creates each bucket that does not exist yet; returns the ones created. */
    public List<String> ensureBuckets() {
        List<String> created = new ArrayList<>();
        for (String bucket : buckets()) {
            if (!exists(bucket)) {
                try {
                    client.createBucket(b -> b.bucket(bucket));
                    created.add(bucket);
                } catch (BucketAlreadyOwnedByYouException e) {
                    // created meanwhile by another migrate: what was asked for holds
                }
            }
        }
        return created;
    }

    /** Whether the bucket exists (and these keys may use it). */
    public boolean exists(String bucket) {
        try {
            client.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
