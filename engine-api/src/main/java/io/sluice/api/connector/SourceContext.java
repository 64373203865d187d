package io.sluice.api.connector;

import java.util.List;

/** What a source instance knows about where it runs. */
public interface SourceContext {

    /** Index of this parallel instance, {@code 0 <= index < parallelism()}. */
    int instanceIndex();

    /** Number of parallel instances of the source. */
    int parallelism();

    /**
     * The splits this instance reads: on a fresh start a share of {@link Source#createSplits(int)}, on a
     * restore the splits (with positions) that the checkpoint recorded for it.
     */
    List<SourceSplit> splits();

    /** Name of the running job. */
    String jobName();

    /**
     * A fixed context, for running a source's reader outside a job (tools, tests, benchmarks) and for the
     * runtime itself.
     */
    static SourceContext of(String jobName, int instanceIndex, int parallelism, List<SourceSplit> splits) {
        if (parallelism < 1 || instanceIndex < 0 || instanceIndex >= parallelism) {
            throw new IllegalArgumentException("instance " + instanceIndex + " of " + parallelism);
        }
        return new FixedSourceContext(jobName, instanceIndex, parallelism, List.copyOf(splits));
    }
}
