package dev.tierfeed.serving.resources.params;

import dev.tierfeed.core.IngestResolution;

/** A resolution of the ingest statistics ({@code 10ms}, {@code 1s}, {@code 1m}); anything else is a 400 {@code invalid_resolution}. */
public final class ResolutionParam extends ApiParam<IngestResolution> {
    public ResolutionParam(String input, String name) {
        super(input, name);
    }

    @Override
    protected IngestResolution parse(String input) {
        return input == null ? null : IngestResolution.parse(input);
    }
}
