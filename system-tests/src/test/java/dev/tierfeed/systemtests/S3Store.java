package dev.tierfeed.systemtests;

import dev.tierfeed.stack.StackSettings;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A client of the test stack's S3 store, with the stack's keys (as any S3 client would connect). */
final class S3Store {
    private S3Store() {
    }

    static S3Client client(StackSettings settings) {
        return client(settings, settings.s3SecretKey());
    }

    static S3Client client(StackSettings settings, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(settings.s3Endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.s3AccessKey(), secretKey)))
                .build();
    }
}
