package dev.tierfeed.streaming;

import dev.tierfeed.core.IngestResolution;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A window of the ingest statistics and the posts counted in it so far (a Java bean, as Spark's
 * bean encoder needs). The key {@code "10ms|<start epoch ms>"} groups the events of one window.
 */
public final class WindowCount implements Serializable {
    private String resolution;
    private long windowStart;
    private long posts;

    public WindowCount() {
    }

    WindowCount(IngestResolution resolution, Instant windowStart, long posts) {
        this.resolution = resolution.label();
        this.windowStart = windowStart.toEpochMilli();
        this.posts = posts;
    }

    /** The keys of the three windows (10 ms, 1 s, 1 min) that a post accepted at {@code at} counts in. */
    static List<String> keysOf(Instant at) {
        return java.util.Arrays.stream(IngestResolution.values()).map(r -> r.label() + "|" + r.windowStart(at).toEpochMilli()).toList();
    }

    /** The window a key names, with no posts yet. */
    static WindowCount ofKey(String key) {
        int bar = key.indexOf('|');
        return new WindowCount(IngestResolution.parse(key.substring(0, bar)), Instant.ofEpochMilli(Long.parseLong(key.substring(bar + 1))), 0);
    }

    IngestResolution resolutionValue() {
        return IngestResolution.parse(resolution);
    }

    Instant start() {
        return Instant.ofEpochMilli(windowStart);
    }

    WindowCount withPosts(long count) {
        return new WindowCount(resolutionValue(), start(), count);
    }

    public String getResolution() {
        return resolution;
    }

    public void setResolution(String resolution) {
        this.resolution = resolution;
    }

    public long getWindowStart() {
        return windowStart;
    }

    public void setWindowStart(long windowStart) {
        this.windowStart = windowStart;
    }

    public long getPosts() {
        return posts;
    }

    public void setPosts(long posts) {
        this.posts = posts;
    }

    @Override
    public String toString() {
        return resolution + " " + start() + " " + posts;
    }
}
