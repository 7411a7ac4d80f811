package dev.tierfeed.core;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a CQL statement may be run twice: what the Cassandra driver needs to know before it
 * sends a request again to another node after its first one was lost with its connection (driver 4
 * retries, or speculatively executes, only statements marked idempotent).
 *
 * <p>Reads are; so are writes of given values. Not: lightweight transactions ({@code IF …}: the
 * second attempt sees the first one's effect), counter updates and list appends or prepends
 * ({@code c = c + ?}, {@code l = ? + l}), writes of an element by its list index, values made by the
 * server ({@code now()}, {@code uuid()}, {@code current…()}), batches written as CQL text, and
 * schema changes (two attempts on two coordinators may disagree). The rule leans to "not": a set or
 * map addition is idempotent but reads like a counter, and is refused all the same; that costs a
 * retry, never a double write.
 *
 * <p>The driver gives a retried write a new client timestamp; whether a write repeated a moment
 * later is harmless beside the others (no other writer of the same cells in between) is the caller's
 * judgement, not the CQL's.
 */
public final class CqlIdempotence {
    /** String literals, quoted identifiers and comments: their text is not CQL to look at. */
    private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\\$\\$.*?\\$\\$|--[^\\n]*|//[^\\n]*|/\\*.*?\\*/",
            Pattern.DOTALL);
    private static final Pattern READ = Pattern.compile("^SELECT\\b");
    private static final Pattern WRITE = Pattern.compile("^(INSERT|UPDATE|DELETE)\\b");
    /** A condition makes a lightweight transaction: {@code IF NOT EXISTS}, {@code IF EXISTS}, {@code IF col = ?}. */
    private static final Pattern CONDITION = Pattern.compile("\\bIF\\b");
    /** Arithmetic: a counter, a list append or prepend, or a removal from a collection. */
    private static final Pattern ARITHMETIC = Pattern.compile("[+-]");
    /** An element by its index ({@code l[?] = ?}, {@code DELETE l[?]}): a list's index moves as the list changes. */
    private static final Pattern SUBSCRIPT = Pattern.compile("\\w\\s*\\[");
    private static final Pattern SERVER_VALUE = Pattern.compile("\\b(NOW|UUID|CURRENT\\w*)\\s*\\(");

    private CqlIdempotence() {
    }

    /** Whether the statement may be sent again after an attempt whose outcome is unknown. */
    public static boolean isIdempotent(String cql) {
        String text = QUOTED.matcher(cql).replaceAll(" ").strip().toUpperCase(Locale.ROOT);
        if (READ.matcher(text).find()) {
            return true;
        }
        return WRITE.matcher(text).find()
                && !CONDITION.matcher(text).find()
                && !ARITHMETIC.matcher(text).find()
                && !SUBSCRIPT.matcher(text).find()
                && !SERVER_VALUE.matcher(text).find();
    }
}
