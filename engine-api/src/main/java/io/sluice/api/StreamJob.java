package io.sluice.api;

/**
 * A runnable job: a name, a description and the pipeline it defines from its parameters. Jobs are found
 * with {@link java.util.ServiceLoader} (listed in {@code META-INF/services/io.sluice.api.StreamJob}) and
 * need a public no-argument constructor.
 *
 * <p><b>How it is called.</b> {@link #define} is called once per run (and per plan printed) on the thread
 * that starts the job; it must only declare the pipeline, not start work.
 */
public interface StreamJob {

    /** The name users run it by, e.g. {@code nexmark-q1}: lower case, digits and dashes. */
    String name();

    /** One line for {@code sluice jobs}. */
    default String description() {
        return "";
    }

    /**
     * Declares the pipeline. Read parameters through {@code params}; a bad value is reported by
     * {@link JobParams} as a {@link BadInputException}.
     */
    void define(Pipeline pipeline, JobParams params);
}
