package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.tierfeed.core.SeenRange;
import dev.tierfeed.core.Tier;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The run of seen speed-view rows a feed read skips, one per viewer and tier ({@code seen_ranges};
 * {@code core}'s {@link SeenRange} says what may be in one). A run only grows, and any run a
 * replica stores is true, so replicas storing runs at once need no coordination: the last one
 * stays, and the next read grows it again. For the same reason a run read earlier is still true:
 * each replica keeps the runs it read or stored for {@link #CACHED_FOR}, so most feed reads cost
 * no extra request; a run another replica grew meanwhile only makes a read here read more rows.
 */
public final class SeenRangeStore {
    static final Duration CACHED_FOR = Duration.ofMinutes(1);
    private static final int MAX_VIEWERS = 100_000;

    private final CqlSession session;
    private final PreparedStatement read;
    private final PreparedStatement write;
    private final AsyncLoadingCache<Long, Map<Tier, SeenRange>> cache;

    public SeenRangeStore(CqlSession session) {
        this.session = session;
        this.read = Cql.prepare(session, "SELECT tier_rank, low, high FROM seen_ranges WHERE viewer_id = ?");
        this.write = Cql.prepare(session, "INSERT INTO seen_ranges (viewer_id, tier_rank, low, high) VALUES (?, ?, ?, ?)");
        this.cache = Caffeine.newBuilder().maximumSize(MAX_VIEWERS).expireAfterWrite(CACHED_FOR)
                .buildAsync((viewer, executor) -> readRanges(viewer));
    }

    /** The viewer's runs by tier; a tier without one is absent. */
    public CompletableFuture<Map<Tier, SeenRange>> ranges(long viewer) {
        return cache.get(viewer);
    }

    private CompletableFuture<Map<Tier, SeenRange>> readRanges(long viewer) {
        return AsyncRows.all(session.executeAsync(read.bind(viewer))).thenApply(rows -> {
            Map<Tier, SeenRange> ranges = new EnumMap<>(Tier.class);
            rows.forEach(row -> ranges.put(Tier.ofRank(row.getInt(0)), new SeenRange(row.getLong(1), row.getLong(2))));
            return Map.copyOf(ranges);
        });
    }

    public CompletableFuture<Void> store(long viewer, Tier tier, SeenRange range) {
        return session.executeAsync(write.bind(viewer, tier.rank(), range.low(), range.high())).toCompletableFuture().thenApply(done -> {
            cache.synchronous().asMap().computeIfPresent(viewer, (key, ranges) -> {
                Map<Tier, SeenRange> grown = new EnumMap<>(Tier.class);
                grown.putAll(ranges);
                grown.put(tier, range);
                return Map.copyOf(grown);
            });
            return null;
        });
    }
}
