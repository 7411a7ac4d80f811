package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierfeed.stack.TierfeedStackExtension;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The stack's S3 store is a real S3 server: its buckets exist after {@code up}, objects round-trip, keys are checked. */
@ExtendWith(TierfeedStackExtension.class)
class ObjectStoreTest {

    @Test
    void upCreatesTheBucketsAndAnObjectRoundTripsByteForByte(TestStack stack) {
        try (S3Client s3 = S3Store.client(stack.settings())) {
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
                    .contains(stack.settings().lakeBucket(), stack.settings().mediaBucket());
            byte[] bytes = new byte[3 * 1024 * 1024 + 17];
            new Random(7).nextBytes(bytes);
            String key = "round-trip/" + UUID.randomUUID();
            s3.putObject(b -> b.bucket(stack.settings().mediaBucket()).key(key), RequestBody.fromBytes(bytes));

            assertThat(s3.getObjectAsBytes(b -> b.bucket(stack.settings().mediaBucket()).key(key)).asByteArray()).isEqualTo(bytes);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(stack.settings().mediaBucket()).key(key).range("bytes=10-19")).asByteArray())
                    .isEqualTo(Arrays.copyOfRange(bytes, 10, 20));
        }
    }

    @Test
    void aWrongSecretIsRefused(TestStack stack) {
        try (S3Client intruder = S3Store.client(stack.settings(), "not-the-secret")) {
            assertThatThrownBy(() -> intruder.listObjectsV2(b -> b.bucket(stack.settings().mediaBucket())))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void theServiceReportsTheStoreInItsHealthCheck(TestStack stack) throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.adminUri() + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"s3\":{\"healthy\":true,\"message\":\"buckets " + stack.settings().lakeBucket()
                + ", " + stack.settings().mediaBucket() + "\"");
    }
}
