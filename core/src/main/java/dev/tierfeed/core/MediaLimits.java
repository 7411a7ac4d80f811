package dev.tierfeed.core;

/** The largest upload accepted per kind of media: one limit for images, one for video. */
public record MediaLimits(long maxImageBytes, long maxVideoBytes) {
    /** 5 MiB per image, 100 MiB per video. */
    public static final MediaLimits DEFAULTS = new MediaLimits(5L << 20, 100L << 20);

    public MediaLimits {
        if (maxImageBytes < 1 || maxVideoBytes < 1) {
            throw new IllegalArgumentException("media limits must be positive: " + maxImageBytes + ", " + maxVideoBytes);
        }
    }

    public long maxBytes(MediaKind kind) {
        return kind.isVideo() ? maxVideoBytes : maxImageBytes;
    }
}
