package io.sluice.api.connector;

import io.sluice.api.codec.Codec;
import java.util.List;

/**
 * A description of where records come from; it creates one {@link SourceReader} per parallel instance.
 *
 * <p>The input is divided into {@link SourceSplit}s, which the runtime assigns to the instances (split
 * {@code i} to instance {@code i % parallelism}); splits carry positions, which is what checkpoints store.
 * A {@code Source} is created on the thread that defines the pipeline and must be safe to use from the
 * worker threads afterwards (immutable is simplest).
 *
 * @param <T> the record type
 */
public interface Source<T> {

    /** A short description for plans and metrics, e.g. {@code gen:nexmark}. */
    String name();

    /** Whether the input ends by itself. A job whose sources are all bounded completes when they end. */
    boolean isBounded();

    /** The largest useful parallelism (e.g. the number of files); the planner never exceeds it. */
    default int maxParallelism() {
        return Integer.MAX_VALUE;
    }

    /**
     * How many records the whole source will produce, when known in advance (a generator with an event count);
     * -1 otherwise. Used for progress and ETA only.
     */
    default long estimatedRecords() {
        return -1;
    }

    /** Divides the input into splits for {@code parallelism} instances. Called once per fresh start. */
    List<SourceSplit> createSplits(int parallelism) throws Exception;

    /** Creates the reader of one instance; {@link SourceContext#splits()} says what it reads. */
    SourceReader<T> createReader(SourceContext context) throws Exception;

    /** The codec of this source's splits, for checkpoints. */
    Codec<SourceSplit> splitCodec();
}
