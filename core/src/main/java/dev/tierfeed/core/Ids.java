package dev.tierfeed.core;

import java.time.Instant;

/**
 * Time-ordered 64-bit ids (the Snowflake layout): 41 bits of milliseconds since
 * {@link #EPOCH}, 10 bits of node, 12 bits of sequence. Ordering ids orders by creation time,
 * so a post's id alone is its feed position inside a tier ("newest first, then by id").
 *
 * <p>Clients see ids as decimal strings, because JSON numbers above 2^53 lose precision in
 * JavaScript.
 */
public final class Ids {
    /** 2020-01-01T00:00:00Z: ids run out in 2089. */
    public static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    static final int NODE_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE = (1 << NODE_BITS) - 1;

    private Ids() {
    }

    /** The instant an id was generated at, to the millisecond. */
    public static Instant instantOf(long id) {
        return Instant.ofEpochMilli(EPOCH.toEpochMilli() + (id >>> (NODE_BITS + SEQUENCE_BITS)));
    }

    /** The smallest id that any generator could produce at {@code instant}. */
    public static long lowestAt(Instant instant) {
        long millis = instant.toEpochMilli() - EPOCH.toEpochMilli();
        return Math.max(0, millis) << (NODE_BITS + SEQUENCE_BITS);
    }

    /** Parses an id as clients send it, or refuses it with a {@link ValidationException}. */
    public static long parse(String text, String what) {
        // ASCII digits only (Character.isDigit would take "٣" for 3), and no leading zero: one text per id
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new ValidationException("malformed_id", what + " '" + text + "' is not an id (a decimal number)");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValidationException("malformed_id", what + " '" + text + "' is out of range");
        }
    }

    public static String format(long id) {
        return Long.toString(id);
    }
}
