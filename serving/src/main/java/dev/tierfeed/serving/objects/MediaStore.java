package dev.tierfeed.serving.objects;

import dev.tierfeed.core.Ids;
import dev.tierfeed.core.MediaKind;
import dev.tierfeed.core.MediaRef;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The media bucket: one object per media id (key = the id), stored with its content type. The
 * object is the only record of an upload, so a post's media ids are checked against it, and a
 * refused or failed upload leaves nothing elsewhere to clean up. S3 writes an object whole or not
 * at all: an upload cut short leaves no object.
 */
public final class MediaStore {
    private static final String OWNER = "owner";

    private final S3Client client;
    private final String bucket;

    public MediaStore(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /** An uploaded media object: its kind and the user who uploaded it. */
    public record Upload(MediaKind kind, long owner) {
    }

    /**
     * Streams {@code length} bytes into the object of {@code id}, recording who uploaded it (object
     * metadata {@code owner}); the SDK buffers at most 128 KiB of them (for a retry).
     */
    public void put(long id, MediaKind kind, long owner, InputStream body, long length) {
        client.putObject(b -> b.bucket(bucket).key(key(id)).contentType(kind.contentType()).contentLength(length)
                        .metadata(Map.of(OWNER, Ids.format(owner))),
                RequestBody.fromInputStream(body, length));
    }

    /** The uploaded media object of that id, or empty when there is none. */
    public Optional<Upload> find(long id) {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(key(id)));
            return MediaKind.ofContentType(head.contentType())
                    .map(kind -> new Upload(kind, Long.parseLong(head.metadata().getOrDefault(OWNER, "-1"))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD answers carry no error code to map to NoSuchKey
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The reference to media {@code id} if {@code owner} uploaded it: what a post or a profile may attach. */
    public Optional<MediaRef> uploadedBy(long owner, long id) {
        return find(id).filter(upload -> upload.owner() == owner).map(upload -> new MediaRef(id, upload.kind()));
    }

    /**
     * The object's bytes, all or the {@code range} ({@code bytes=first-last}) of them, unless its
     * ETag is {@code ifNoneMatch}. Throws {@link NoSuchKeyException} for an unknown id and an
     * {@link S3Exception} with status 304 or 416 for a match or a range past the end.
     */
    public ResponseInputStream<GetObjectResponse> get(long id, Optional<String> range, Optional<String> ifNoneMatch) {
        return client.getObject(b -> b.bucket(bucket).key(key(id)).range(range.orElse(null)).ifNoneMatch(ifNoneMatch.orElse(null)));
    }

    static String key(long id) {
        return Ids.format(id);
    }
}
