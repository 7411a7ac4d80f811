package dev.tierfeed.serving.api;

import dev.tierfeed.core.IngestResolution;
import dev.tierfeed.serving.db.IngestCountsStore.Bucket;
import java.util.List;

/** {@code {"resolution": "1s", "buckets": [{"start": "2026-…Z", "count": 1234}, …]}}: windows in time order, empty ones omitted. */
public record IngestStatsView(String resolution, List<BucketView> buckets) {

    public record BucketView(String start, long count) {
    }

    public static IngestStatsView of(IngestResolution resolution, List<Bucket> buckets) {
        return new IngestStatsView(resolution.label(), buckets.stream().map(b -> new BucketView(b.start().toString(), b.count())).toList());
    }
}
