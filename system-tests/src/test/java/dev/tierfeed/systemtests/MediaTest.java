package dev.tierfeed.systemtests;

import static dev.tierfeed.systemtests.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import dev.tierfeed.stack.TierfeedStackExtension;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Media on the real stack: uploads stream to the S3 store, posts carry them to followers' feeds,
 * the bytes come back whole or by range with their ETag, and a refused upload leaves no object.
 */
@ExtendWith(TierfeedStackExtension.class)
class MediaTest {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Test
    void aPhotoIsUploadedAttachedSeenInAFollowersFeedAndFetchedBackByteForByte(TestStack stack) throws IOException {
        Api api = Api.of(stack);
        String author = api.createUser("PREMIUM");
        String follower = api.createUser("FREE");
        api.follow(follower, author);
        byte[] photo = png();

        Api.Reply uploaded = api.upload(author, photo, "image/png");
        assertThat(uploaded.status()).as(uploaded.raw().body()).isEqualTo(201);
        String mediaId = uploaded.text("id");
        assertThat(uploaded.text("type")).isEqualTo("image/png");
        assertThat(uploaded.body().path("bytes").asLong()).isEqualTo(photo.length);
        assertThat(uploaded.text("url")).isEqualTo("/v1/media/" + mediaId);
        assertThat(uploaded.raw().headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/v1/media/" + mediaId));

        Api.Reply accepted = api.post("/v1/posts", Api.json("authorId", author, "text", "", "mediaIds", List.of(mediaId)));
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String postId = accepted.text("id");
        api.awaitFeedContaining(follower, DELIVERY, postId);
        JsonNode item = api.get("/v1/users/" + follower + "/feed?limit=100").body().path("items").findParents("post").stream()
                .map(parent -> parent.path("post")).filter(post -> post.path("id").asText().equals(postId)).findFirst().orElseThrow();
        assertThat(item.path("text").asText()).isEmpty();
        assertThat(item.path("media").get(0).path("id").asText()).isEqualTo(mediaId);
        assertThat(item.path("media").get(0).path("type").asText()).isEqualTo("image/png");
        String url = item.path("media").get(0).path("url").asText();
        assertThat(api.get("/v1/posts/" + postId).body().path("media").get(0).path("id").asText()).isEqualTo(mediaId);
        assertThat(api.get("/v1/users/" + author + "/posts").body().path("items").get(0).path("media").get(0).path("url").asText()).isEqualTo(url);

        HttpResponse<byte[]> fetched = api.download(url);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(photo);
        assertThat(fetched.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(fetched.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("max-age=31536000", "immutable"));
        String etag = fetched.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> revalidated = api.download(url, "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
    }

    @Test
    void aVideoIsServedByRangeAndUnknownMediaIs404(TestStack stack) {
        Api api = Api.of(stack);
        String author = api.createUser("FREE");
        byte[] video = mp4(3 << 20);

        Api.Reply uploaded = api.upload(author, video, "video/mp4");
        assertThat(uploaded.status()).as(uploaded.raw().body()).isEqualTo(201);
        String url = uploaded.text("url");

        HttpResponse<byte[]> middle = api.download(url, "Range", "bytes=1048576-1048675");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 1048576-1048675/" + video.length);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(video, 1048576, 1048676));
        HttpResponse<byte[]> tail = api.download(url, "Range", "bytes=-10");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(video, video.length - 10, video.length));
        assertThat(api.download(url).body()).isEqualTo(video);
        assertThat(api.download(url, "Range", "bytes=" + video.length + "-").statusCode()).isEqualTo(416);
        Api.Reply unknown = api.get("/v1/media/12345");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("media_not_found");
    }

    @Test
    void refusedUploadsLeaveNoObjectAndPostsRefuseUnknownMedia(TestStack stack) throws IOException {
        Api api = Api.of(stack);
        String author = api.createUser("FREE");
        List<String> before = mediaObjects(stack);

        assertError(api.upload(author, png(), "image/jpeg"), 415, "media_type_mismatch");
        assertError(api.upload(author, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "image/png"),
                415, "media_type_mismatch");
        assertError(api.upload(author, png(), "text/plain"), 415, "unsupported_media_type");
        // one byte over the default limits: refused on the announced length, before the body is sent
        assertError(api.announceUpload(author, "image/png", (5 << 20) + 1), 413, "media_too_large");
        assertError(api.announceUpload(author, "video/mp4", (100 << 20) + 1), 413, "media_too_large");
        assertError(api.anonymous().post("/v1/media", "{}"), 401, "unauthenticated");
        assertThat(mediaObjects(stack)).isEqualTo(before);

        assertError(api.post("/v1/posts", Api.json("authorId", author, "text", "hi", "mediaIds", List.of("12345"))), 422, "media_not_found");
        String mediaId = api.upload(author, png(), "image/png").text("id");
        String someoneElse = api.createUser("FREE");
        assertError(api.post("/v1/posts", Api.json("authorId", someoneElse, "text", "not mine", "mediaIds", List.of(mediaId))),
                422, "media_not_found");
        assertError(api.post("/v1/posts", Api.json("authorId", author, "mediaIds", List.of(mediaId, mediaId, mediaId, mediaId, mediaId))),
                422, "too_many_media");
    }


    private static List<String> mediaObjects(TestStack stack) {
        try (S3Client s3 = S3Store.client(stack.settings())) {
            return s3.listObjectsV2Paginator(b -> b.bucket(stack.settings().mediaBucket())).contents().stream().map(S3Object::key).sorted().toList();
        }
    }

    /** A real PNG (a small noisy picture), as a camera app would send. */
    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, new Color(random.nextInt(256), x * 4, y * 5).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An MP4's leading box ({@code ftyp}, brand isom) and then random bytes: what the service checks is the head. */
    private static byte[] mp4(int length) {
        byte[] bytes = new byte[length];
        new Random(11).nextBytes(bytes);
        byte[] head = "\u0000\u0000\u0000\u0020ftypisom\u0000\u0000\u0002\u0000".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
