package io.sluice.api.connector;

/**
 * An independent part of a source's input (a file, a Kafka partition, a generator's share of the events)
 * together with the reader's position in it. Splits are what a checkpoint stores for a source: a reader
 * hands back its splits with their current positions in {@link SourceReader#snapshotSplits(long)}, and a
 * restored reader is created with those splits. Implementations are immutable.
 */
public interface SourceSplit {

    /** Identifies the split within its source, stable across restarts (e.g. {@code "topic-3"}). */
    String splitId();
}
