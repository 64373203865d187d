package io.sluice.api.connector;

/**
 * Implemented by a {@link Source} that can meet records it cannot read (undecodable, or of a schema its reader
 * refuses) and, by its policy, skips them or sends them to a dead-letter sink instead of failing. The runtime's
 * metrics read the count (the processing error rate of design.md §9). Thread-safe: read from any thread while
 * the readers run.
 */
public interface BadRecordCounter {

    /** Records this source could not read so far, over all its instances. */
    long badRecords();
}
