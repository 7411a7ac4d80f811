package dev.tierfeed.serving.resources;

import dev.tierfeed.core.IdGenerator;
import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaKind;
import dev.tierfeed.core.MediaLimits;
import dev.tierfeed.core.MediaRef;
import dev.tierfeed.serving.api.MediaUploadView;
import dev.tierfeed.serving.auth.Caller;
import dev.tierfeed.serving.errors.ApiException;
import dev.tierfeed.serving.objects.MediaStore;
import dev.tierfeed.serving.resources.params.IdParam;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Photos and videos. An upload is the raw bytes with their {@code Content-Type} and
 * {@code Content-Length}; it is refused before anything is stored when the type is not one of
 * {@link MediaKind}'s, when the length is over the kind's limit, or when the first bytes are not
 * what the type says. The accepted bytes stream to the media bucket (never whole in memory), and
 * are served back with their ETag, long-lived cache headers and single byte ranges.
 */
@Path("/v1/media")
@Produces(MediaType.APPLICATION_JSON)
public final class MediaResource {
    /** Media ids are never reused, so a media object never changes: caches may keep it for a year. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    /** A single byte range, which is what S3 serves; any other Range header is ignored (the whole object, 200). */
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d+-\\d*|-\\d+)");

    private final MediaStore store;
    private final MediaLimits limits;
    private final IdGenerator ids;

    public MediaResource(MediaStore store, MediaLimits limits, IdGenerator ids) {
        this.store = store;
        this.limits = limits;
        this.ids = ids;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@Auth Caller caller, @HeaderParam(HttpHeaders.CONTENT_TYPE) String declared,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) throws IOException {
        long owner = caller.userId();
        MediaKind kind = MediaKind.ofContentType(declared).orElseThrow(() -> new ApiException(Status.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type", "Content-Type must be one of image/jpeg, image/png, image/gif, image/webp, video/mp4, not " + declared));
        long length = lengthOf(contentLength);
        if (length > limits.maxBytes(kind)) {
            throw new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "media_too_large",
                    kind.contentType() + " uploads are limited to " + limits.maxBytes(kind) + " bytes; this one has " + length);
        }
        byte[] head = body.readNBytes((int) Math.min(MediaKind.SNIFF_BYTES, length));
        Optional<MediaKind> sniffed = MediaKind.sniff(head);
        if (sniffed.isEmpty() || sniffed.get() != kind) {
            throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "media_type_mismatch", "the bytes are "
                    + sniffed.map(MediaKind::contentType).orElse("no supported media type") + ", not " + kind.contentType());
        }
        MediaRef media = new MediaRef(ids.next(), kind);
        try {
            store.put(media.id(), kind, owner, new SequenceInputStream(new ByteArrayInputStream(head), body), length);
        } catch (S3Exception e) {
            throw new ApiException(Status.SERVICE_UNAVAILABLE, "store_unavailable", "the media store refused the upload: " + e.getMessage());
        }
        return Response.created(URI.create(media.path())).entity(MediaUploadView.of(media, length)).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") IdParam id, @HeaderParam("Range") String range,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = store.get(id.get(), Optional.ofNullable(range).filter(r -> SINGLE_RANGE.matcher(r.trim()).matches()).map(String::trim),
                    Optional.ofNullable(ifNoneMatch));
        } catch (NoSuchKeyException e) {
            throw ApiException.notFound("media_not_found", "no media with id " + id);
        } catch (S3Exception e) {
            if (e.statusCode() == 304) {
                return Response.notModified().header(HttpHeaders.ETAG, ifNoneMatch).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
            }
            if (e.statusCode() == 416) {
                throw new ApiException(Status.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable",
                        "the range " + range + " starts past the end of media " + id);
            }
            throw e;
        }
        GetObjectResponse meta = object.response();
        StreamingOutput bytes = out -> {
            try (object) {
                object.transferTo(out);
            }
        };
        Response.ResponseBuilder answer = Response.status(meta.contentRange() == null ? Status.OK : Status.PARTIAL_CONTENT)
                .entity(bytes)
                .type(meta.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, meta.contentLength())
                .header(HttpHeaders.ETAG, meta.eTag())
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff");
        if (meta.contentRange() != null) {
            answer.header("Content-Range", meta.contentRange());
        }
        return answer.build();
    }

    private static long lengthOf(String contentLength) {
        if (contentLength == null) {
            throw new ApiException(Status.LENGTH_REQUIRED, "length_required",
                    "an upload needs a Content-Length: the limit is checked before any byte is stored");
        }
        long length;
        try {
            length = Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(Status.BAD_REQUEST, "invalid_length", "Content-Length is not a number: " + contentLength);
        }
        if (length <= 0) {
            throw new ApiException(Status.BAD_REQUEST, "media_empty", "the upload has no bytes");
        }
        return length;
    }
}
