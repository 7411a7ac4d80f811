package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Every row of an asynchronous query, page after page, without blocking a driver thread. */
final class AsyncRows {
    private AsyncRows() {
    }

    static CompletableFuture<List<Row>> all(CompletionStage<AsyncResultSet> query) {
        return query.toCompletableFuture().thenCompose(first -> collect(first, new ArrayList<>()));
    }

    private static CompletableFuture<List<Row>> collect(AsyncResultSet page, List<Row> into) {
        page.currentPage().forEach(into::add);
        return page.hasMorePages()
                ? page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, into))
                : CompletableFuture.completedFuture(into);
    }
}
