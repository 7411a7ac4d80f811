package dev.tierfeed.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The layout of the event lake: Parquet under {@code <bucket>/events}, partitioned by event type,
 * then by the event's date and hour in UTC ({@code event_type=post/event_date=2026-11-27/event_hour=6}).
 * The streaming job writes it, {@code bin/tierfeed lake} and the notebooks read it.
 */
public final class EventLake {
    /** The lake's folder in its bucket. */
    public static final String ROOT = "events";
    public static final String TYPE = "event_type";
    public static final String DATE = "event_date";
    public static final String HOUR = "event_hour";
    /** The type of a post event. */
    public static final String POST = "post";

    private EventLake() {
    }

    /** The date partition of an event at {@code at}: its UTC date, ISO-8601. */
    public static String dateOf(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The hour partition of an event at {@code at}: its UTC hour, 0-23. */
    public static int hourOf(Instant at) {
        return ZonedDateTime.ofInstant(at, ZoneOffset.UTC).getHour();
    }
}
