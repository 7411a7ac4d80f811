package dev.tierfeed.systemtests;

import dev.tierfeed.core.EventLake;
import dev.tierfeed.core.Post;
import dev.tierfeed.core.UserEvent;
import dev.tierfeed.stack.TierfeedStackExtension.TestStack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The event lake as {@code bin/tierfeed lake} counts it, and the log counted the same way. */
final class Lake {
    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\S+) (\\d+)$", Pattern.MULTILINE);

    private Lake() {
    }

    /** The whole log counted as {@code bin/tierfeed lake} counts the lake: per day and type. */
    static Map<String, Long> perDay(List<Post> posts, List<UserEvent> events) {
        Map<String, Long> counts = new TreeMap<>();
        posts.forEach(post -> counts.merge(EventLake.dateOf(post.createdAt()) + " " + EventLake.POST, 1L, Long::sum));
        events.forEach(event -> counts.merge(EventLake.dateOf(event.at()) + " " + event.type().lakeName(), 1L, Long::sum));
        return counts;
    }

    /** What {@code bin/tierfeed lake} prints, as day and type to rows. */
    static Map<String, Long> rows(TestStack stack) {
        Map<String, Long> rows = new TreeMap<>();
        Matcher line = LINE.matcher(stack.cli("lake"));
        while (line.find()) {
            rows.put(line.group(1) + " " + line.group(2), Long.parseLong(line.group(3)));
        }
        return rows;
    }
}
