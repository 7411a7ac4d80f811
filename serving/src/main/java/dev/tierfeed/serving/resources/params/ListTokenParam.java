package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.ListCursor;

/** A page token of a list ordered by id, as {@link ListCursor} issued it. */
public final class ListTokenParam extends ApiParam<ListCursor> {
    public ListTokenParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected ListCursor parse(String input) {
        return input == null ? null : ListCursor.decode(input);
    }
}
