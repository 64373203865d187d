package io.sluice.jobs.tools;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.codec.Codecs;

/**
 * {@code copy}: copies every record of any source to any sink unchanged, one JSON text per record
 * (design.md §5), to load, inspect and migrate event logs, e.g.
 * {@code sluice run copy -p source=gen:nexmark?events=1000 -p sink=file:/tmp/events.jsonl}.
 *
 * <p>Parameters: {@code source} (required), {@code sink} (default {@code console:}).
 */
public final class CopyJob implements StreamJob {

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public String description() {
        return "Copies every record from -p source=URI to -p sink=URI (default console:) unchanged";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        p.source(params.source("source", Codecs.strings()))
                .sink(params.sink("sink", "console:", Codecs.strings()));
    }
}
