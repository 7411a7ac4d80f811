package dev.tierfeed.serving.resources;

import static dev.tierfeed.serving.resources.Resources.as;
import static dev.tierfeed.serving.resources.Resources.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaKind;
import dev.tierfeed.core.MediaLimits;
import dev.tierfeed.serving.objects.MediaStore;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The media resource on its own: what is refused before a byte is stored, and how the store's answers become HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MediaResourceTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final long UPLOADER = 912371336913879040L;
    private static final MediaStore STORE = mock(MediaStore.class);
    private static final ResourceExtension RESOURCE = Resources.of(
            new MediaResource(STORE, new MediaLimits(64, 128), new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), 3)));
    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    @AfterEach
    void forget() {
        reset(STORE);
    }

    @Test
    void anUploadStreamsItsExactBytesToTheStoreUnderANewId() {
        byte[] png = withHead(PNG_HEAD, 60);
        AtomicReference<byte[]> stored = new AtomicReference<>();
        doAnswer(call -> {
            stored.set(call.getArgument(3, InputStream.class).readAllBytes());
            return null;
        }).when(STORE).put(anyLong(), eq(MediaKind.PNG), eq(UPLOADER), any(), eq(60L));

        Response response = upload(png, "image/png");

        assertThat(response.getStatus()).isEqualTo(201);
        JsonNode created = response.readEntity(JsonNode.class);
        assertThat(Ids.instantOf(Long.parseLong(created.path("id").asText()))).isEqualTo(NOW);
        assertThat(created.path("type").asText()).isEqualTo("image/png");
        assertThat(created.path("bytes").asLong()).isEqualTo(60);
        assertThat(created.path("url").asText()).isEqualTo("/v1/media/" + created.path("id").asText());
        assertThat(response.getLocation().getPath()).isEqualTo(created.path("url").asText());
        assertThat(stored.get()).isEqualTo(png);
    }

    @Test
    void wrongTypesOversizeAndEmptyUploadsAreRefusedBeforeAnythingIsStored() {
        assertThat(refusal(upload(withHead(PNG_HEAD, 40), "text/plain"), 415)).isEqualTo("unsupported_media_type");
        assertThat(refusal(upload(withHead(PNG_HEAD, 40), "image/jpeg"), 415)).isEqualTo("media_type_mismatch");
        assertThat(refusal(upload("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(), "image/png"), 415))
                .isEqualTo("media_type_mismatch");
        assertThat(refusal(upload(withHead(PNG_HEAD, 65), "image/png"), 413)).isEqualTo("media_too_large");
        assertThat(refusal(upload(new byte[0], "image/png"), 400)).isEqualTo("media_empty");
        verify(STORE, never()).put(anyLong(), any(), anyLong(), any(), anyLong());
    }

    @Test
    void anUploadNeedsAUserTokenWhileDownloadsArePublic() {
        Response anonymous = RESOURCE.target("/v1/media").request().post(Entity.entity(withHead(PNG_HEAD, 20), "image/png"));
        Response operator = RESOURCE.target("/v1/media").request().header("Authorization", Resources.OPERATOR)
                .header("Content-Length", 20).post(Entity.entity(withHead(PNG_HEAD, 20), "image/png"));

        assertThat(refusal(anonymous, 401)).isEqualTo("unauthenticated");
        assertThat(anonymous.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refusal(operator, 403)).isEqualTo("not_your_account");
        verify(STORE, never()).put(anyLong(), any(), anyLong(), any(), anyLong());
        when(STORE.get(eq(8L), any(), any())).thenThrow(NoSuchKeyException.builder().message("no such key").build());
        assertThat(refusal(RESOURCE.target("/v1/media/8").request().get(), 404)).isEqualTo("media_not_found");
    }

    @Test
    void videosHaveTheirOwnLimit() {
        byte[] mp4 = withHead("\u0000\u0000\u0000\u0018ftypmp42".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 100);
        assertThat(upload(mp4, "video/mp4").getStatus()).isEqualTo(201);
        assertThat(refusal(upload(withHead(mp4, 129), "video/mp4"), 413)).isEqualTo("media_too_large");
    }

    @Test
    void downloadsCarryTheStoresTypeETagRangeAndCacheHeaders() {
        GetObjectResponse partial = GetObjectResponse.builder().contentType("video/mp4").contentLength(4L).eTag("\"abc\"")
                .contentRange("bytes 2-5/100").build();
        when(STORE.get(7L, Optional.of("bytes=2-5"), Optional.empty())).thenReturn(
                new ResponseInputStream<>(partial, AbortableInputStream.create(new ByteArrayInputStream(new byte[] {2, 3, 4, 5}))));

        Response response = RESOURCE.target("/v1/media/7").request().header("Authorization", as(UPLOADER)).header("Range", "bytes=2-5").get();

        assertThat(response.getStatus()).isEqualTo(206);
        assertThat(response.getHeaderString("Content-Range")).isEqualTo("bytes 2-5/100");
        assertThat(response.getHeaderString("ETag")).isEqualTo("\"abc\"");
        assertThat(response.getHeaderString("Cache-Control")).isEqualTo(MediaResource.CACHE_CONTROL);
        assertThat(response.getMediaType().toString()).isEqualTo("video/mp4");
        assertThat(response.readEntity(byte[].class)).containsExactly(2, 3, 4, 5);
    }

    @Test
    void unknownMediaIs404AndAMatchingETag304() {
        when(STORE.get(eq(8L), any(), any())).thenThrow(NoSuchKeyException.builder().message("no such key").build());
        when(STORE.get(9L, Optional.empty(), Optional.of("\"abc\""))).thenThrow(S3Exception.builder().statusCode(304).build());
        when(STORE.get(10L, Optional.of("bytes=500-"), Optional.empty())).thenThrow(S3Exception.builder().statusCode(416).build());

        assertThat(refusal(RESOURCE.target("/v1/media/8").request().header("Authorization", as(UPLOADER)).get(), 404)).isEqualTo("media_not_found");
        Response notModified = RESOURCE.target("/v1/media/9").request().header("Authorization", as(UPLOADER)).header("If-None-Match", "\"abc\"").get();
        assertThat(notModified.getStatus()).isEqualTo(304);
        assertThat(notModified.getHeaderString("ETag")).isEqualTo("\"abc\"");
        assertThat(refusal(RESOURCE.target("/v1/media/10").request().header("Authorization", as(UPLOADER)).header("Range", "bytes=500-").get(), 416))
                .isEqualTo("range_not_satisfiable");
    }

    @Test
    void aStoreThatDoesNotAnswerIs503() {
        when(STORE.get(eq(11L), any(), any())).thenThrow(SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        when(STORE.get(eq(12L), any(), any())).thenThrow(S3Exception.builder().statusCode(500).message("internal").build());

        assertThat(refusal(RESOURCE.target("/v1/media/11").request().get(), 503)).isEqualTo("store_unavailable");
        assertThat(refusal(RESOURCE.target("/v1/media/12").request().get(), 503)).isEqualTo("store_unavailable");
    }

    private static Response upload(byte[] bytes, String type) {
        return RESOURCE.target("/v1/media").request().header("Authorization", as(UPLOADER)).header("Content-Length", bytes.length).post(Entity.entity(bytes, type));
    }

    private static byte[] withHead(byte[] head, int length) {
        byte[] bytes = Arrays.copyOf(head, length);
        for (int i = head.length; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static String refusal(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        return codeOf(response);
    }
}
