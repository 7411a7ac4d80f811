package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.Ids;

/** A user or post id in a path: a decimal number ({@link Ids#parse}). */
public final class IdParam extends ApiParam<Long> {
    public IdParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected Long parse(String input) {
        return Ids.parse(input, "id");
    }
}
