package dev.tierfeed.core;

/** The Kafka topics that make up the master log, by default name. */
public final class EventTopics {
    /** Post events, keyed by author id (see {@link PostEventCodec}). */
    public static final String POSTS = "tierfeed.posts";

    private EventTopics() {
    }
}
