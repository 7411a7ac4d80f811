package dev.tierfeed.serving.errors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response.Status;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps JSON request bodies (every body but an upload's, which {@code MediaResource} limits per
 * kind): a declared length over the cap is refused before the body is read, and a body sent
 * without a length is cut off where it passes the cap; either is 413 {@code body_too_large}.
 */
@PreMatching
public final class BodySizeLimit implements ContainerRequestFilter {
    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("v1/media")) {
            return;
        }
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new Capped(request.getEntityStream()));
    }

    private ApiException tooLarge() {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "body_too_large", "request bodies are limited to " + maxBytes + " bytes");
    }

    private final class Capped extends FilterInputStream {
        private long read;

        Capped(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge();
            }
        }
    }
}
