package io.sluice.runtime.exec;

/**
 * What travels on a queue that is not a bare record: control items and timestamped records. Records of
 * processing-time pipelines travel bare; one {@code instanceof Envelope} check on the consumer side tells
 * the two apart. User records are never envelopes.
 */
public abstract class Envelope {

    Envelope() {
    }
}
