package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.FeedCursor;

/** A feed page token, as {@link FeedCursor} issued it. */
public final class FeedTokenParam extends ApiParam<FeedCursor> {
    public FeedTokenParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected FeedCursor parse(String input) {
        return input == null ? null : FeedCursor.decode(input);
    }
}
