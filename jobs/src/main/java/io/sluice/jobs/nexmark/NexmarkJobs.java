package io.sluice.jobs.nexmark;

/** What the NEXMark jobs share: their default source and sink. */
final class NexmarkJobs {

    /** The built-in NEXMark generator, unbounded and as fast as possible. */
    static final String DEFAULT_SOURCE = "gen:nexmark";
    /** Human-readable lines on stdout. */
    static final String DEFAULT_SINK = "console:";

    private NexmarkJobs() {
    }
}
