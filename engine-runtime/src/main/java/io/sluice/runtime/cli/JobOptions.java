package io.sluice.runtime.cli;

import io.sluice.api.Pipeline;
import io.sluice.api.JobParams;
import io.sluice.api.StreamJob;
import io.sluice.runtime.JobConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code plan} and {@code run} share: the job name, its {@code -p name=value} parameters and the default
 * parallelism, and how they become a defined pipeline ({@link #define}).
 */
public final class JobOptions {

    @Parameters(index = "0", paramLabel = "<job>", description = "The job to use; 'sluice jobs' lists them.")
    String jobName;

    @Option(names = {"-p", "--param"}, paramLabel = "name=value",
            description = "A job parameter, e.g. -p source=gen:nexmark?events=1000000 -p sink=null: (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Instances of every stage that sets none (default: the number of available cores).")
    Integer parallelism;

    /** A job, its pipeline as defined from the parameters, and the configuration to plan or run it with. */
    record DefinedJob(StreamJob job, Pipeline pipeline, JobConfig config) {
        String name() {
            return job.name();
        }
    }

    /**
     * Finds the job, checks the options, and lets the job define its pipeline. Bad input (an unknown job, a
     * malformed or unknown parameter) is thrown as {@link UsageException} or
     * {@link io.sluice.api.BadInputException}.
     */
    DefinedJob define(JobCatalog catalog, JobConfig base) {
        StreamJob job = catalog.require(jobName);
        JobConfig config = base.withJobName(job.name());
        if (parallelism != null) {
            if (parallelism < 1) {
                throw new UsageException("--parallelism must be at least 1, got " + parallelism);
            }
            config = config.withParallelism(parallelism);
        }
        return new DefinedJob(job, definePipeline(job, params), config);
    }

    /**
     * Lets {@code job} define its pipeline from {@code params}. A blank parameter name or a parameter the job
     * does not read is a {@link UsageException}; the job itself throws {@link io.sluice.api.BadInputException}
     * for bad values.
     */
    public static Pipeline definePipeline(StreamJob job, Map<String, String> params) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().isBlank()) {
                throw new UsageException("-p needs name=value, got '=" + e.getValue() + "'");
            }
        }
        JobParams jobParams = new JobParams(params);
        Pipeline pipeline = Pipeline.create();
        job.define(pipeline, jobParams);
        Set<String> unknown = jobParams.unreadNames();
        if (!unknown.isEmpty()) {
            throw new UsageException("job '" + job.name() + "' has no parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (check the spelling of -p " + unknown.iterator().next() + "=...)");
        }
        return pipeline;
    }
}
