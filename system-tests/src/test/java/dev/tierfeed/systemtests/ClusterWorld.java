package dev.tierfeed.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A fault test's own users: premium authors, and viewers who each follow every author (so nothing leaves their feeds). */
record ClusterWorld(Set<String> authors, List<String> viewers) {
    /**
     * How long the load may take to make the progress a test waits for: a deadline, not a pause. Right
     * after a kill, on a cold machine, twelve JVMs share two cores while Spark starts a new executor.
     */
    static final Duration PROGRESS = Duration.ofMinutes(2);

    static ClusterWorld create(Api api, int authorCount, int viewerCount) {
        Set<String> authors = new LinkedHashSet<>();
        List<String> viewers = new ArrayList<>();
        for (int i = 0; i < authorCount; i++) {
            authors.add(api.createUser("PREMIUM"));
        }
        for (int i = 0; i < viewerCount; i++) {
            String viewer = api.createUser("FREE");
            authors.forEach(author -> api.follow(viewer, author));
            viewers.add(viewer);
        }
        return new ClusterWorld(authors, viewers);
    }

    ClusterLoad startLoad(Api api) {
        return ClusterLoad.start(api, List.copyOf(authors), viewers, 2, 2);
    }

    /**
     * Runs the load, kills {@code part} once it is under way (no request having failed before),
     * goes on while it is down, starts it again and goes on once more; returns the stopped load.
     */
    ClusterLoad killUnderLoad(TestStack stack, Api api, String part) {
        ClusterLoad load = startLoad(api);
        try (load) {
            load.awaitProgress(200, PROGRESS);
            assertThat(load.failures()).as("requests that failed before the kill").isEmpty();
            stack.crash(part);
            load.awaitProgress(400, PROGRESS);
            stack.restart();
            load.awaitProgress(200, PROGRESS);
        }
        return load;
    }
}
