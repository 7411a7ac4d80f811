package dev.tierfeed.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A fault test's own users: premium authors, and viewers who each follow every author (so nothing leaves their feeds). */
record ClusterWorld(Set<String> authors, List<String> viewers) {
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
}
