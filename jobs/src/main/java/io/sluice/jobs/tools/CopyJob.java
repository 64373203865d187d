package io.sluice.jobs.tools;

import io.sluice.api.BadInputException;
import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.StreamJob;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.mask.Masking;

/**
 * {@code copy}: copies every record of any source to any sink unchanged, one JSON text per record
 * (design.md §5), to load, inspect and migrate event logs, e.g.
 * {@code sluice run copy -p source=gen:nexmark?events=1000 -p sink=file:/tmp/events.jsonl}.
 *
 * <p>Parameters: {@code source} (required), {@code sink} (default {@code console:}), {@code mask} (optional: comma-separated
 * JSON field names whose values are redacted on the way, e.g. {@code mask=emailAddress,creditCard}; see
 * {@link Masking}), {@code dlq} (a dead-letter sink for a source with {@code onError=dlq}).
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
        Stream<String> records = p.source(params.source("source", Codecs.strings()));
        String mask = params.get("mask", null);
        if (mask != null) {
            try {
                records = records.map(Masking.jsonText(mask.split(","))).named("mask");
            } catch (IllegalArgumentException e) {
                throw new BadInputException("parameter 'mask': " + e.getMessage() + " (write e.g. -p mask=emailAddress,creditCard)");
            }
        }
        records.sink(params.sink("sink", "console:", Codecs.strings()));
    }
}
