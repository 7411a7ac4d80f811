package dev.tierfeed.core;

/** The Kafka topics that make up the master log, by default name. */
public final class EventTopics {
    /** Post events, keyed by author id (see {@link PostEventCodec}). */
    public static final String POSTS = "tierfeed.posts";
    /** Every other accepted change (see {@link UserEventCodec}), keyed by the acting user's id. */
    public static final String EVENTS = "tierfeed.events";

    private EventTopics() {
    }
}
