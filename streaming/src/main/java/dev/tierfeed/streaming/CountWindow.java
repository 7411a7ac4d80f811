package dev.tierfeed.streaming;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;

/**
 * The state of one ingest-statistics window across micro-batches: its count so far. Each batch
 * brings, per task, a row with the posts it counted in the window and the newest instant among
 * them; the window adds them and emits its whole count (an upsert, so a replayed batch writes the
 * same value). Spark drops a row whose newest instant is older than the watermark before it gets
 * here; a window is final once the watermark passes its end ({@code IngestResolution.isFinal}),
 * when its state is dropped, and rows for a final window are never counted again from zero.
 */
final class CountWindow implements FlatMapGroupsWithStateFunction<String, Row, Long, WindowCount> {

    @Override
    public Iterator<WindowCount> call(String key, Iterator<Row> events, GroupState<Long> state) {
        if (state.hasTimedOut()) {
            state.remove();
            return Collections.emptyIterator();
        }
        WindowCount window = WindowCount.ofKey(key);
        if (window.resolutionValue().isFinal(window.start(), Instant.ofEpochMilli(state.getCurrentWatermarkMs()))) {
            return Collections.emptyIterator();
        }
        long count = state.exists() ? state.get() : 0;
        while (events.hasNext()) {
            count += events.next().<Long>getAs("posts");
        }
        state.update(count);
        state.setTimeoutTimestamp(window.start().plus(window.resolutionValue().length()).toEpochMilli());
        return List.of(window.withPosts(count)).iterator();
    }
}
