package io.sluice.jobs.nexmark;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.nexmark.NexmarkEvent;

/**
 * NEXMark query 0, pass-through: every event as read (design.md §6). It measures what the engine costs
 * around a job that does nothing: reading, decoding, one hop through the chain, encoding and writing.
 *
 * <p>Parameters: {@code source} (default {@value NexmarkJobs#DEFAULT_SOURCE}), {@code sink} (default
 * {@value NexmarkJobs#DEFAULT_SINK}).
 */
public final class NexmarkQ0 implements StreamJob {

    @Override
    public String name() {
        return "nexmark-q0";
    }

    @Override
    public String description() {
        return "NEXMark q0: pass-through of every event";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        Codec<NexmarkEvent> events = Codecs.json(NexmarkEvent.class);
        p.source(params.source("source", NexmarkJobs.DEFAULT_SOURCE, events))
                .map(e -> e).named("pass-through")
                .sink(params.sink("sink", NexmarkJobs.DEFAULT_SINK, events));
    }
}
