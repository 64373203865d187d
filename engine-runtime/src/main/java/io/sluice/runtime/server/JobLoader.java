package io.sluice.runtime.server;

import io.sluice.api.BadInputException;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.cli.ErrorReporter;
import io.sluice.runtime.cli.JobCatalog;
import io.sluice.runtime.cli.JobOptions;
import io.sluice.runtime.cli.UsageException;
import io.sluice.runtime.plan.PhysicalPlan;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Turns a job's name, parameters and (optional) jar into a planned job ready to run: finds the
 * {@link StreamJob} on the server's class path or in the jar (in its own {@link JobClassLoader}), lets it
 * define its pipeline from the parameters and plans it. Everything a user can get wrong is a
 * {@link BadRequestException} naming it.
 */
final class JobLoader {

    private final ClassLoader serverLoader;

    JobLoader(ClassLoader serverLoader) {
        this.serverLoader = serverLoader;
    }

    /** A planned job, the class loader its code comes from (close it when the run ends) and its configuration. */
    record Loaded(StreamJob job, PhysicalPlan plan, JobConfig config, ClassLoader classLoader) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            if (classLoader instanceof JobClassLoader own) {
                own.close();
            }
        }

        /** Runs {@code action} with the job's class loader as the thread's context class loader. */
        <T> T withJobClassLoader(Callable<T> action) throws Exception {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(classLoader);
            try {
                return action.call();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /**
     * Loads, defines and plans the job.
     *
     * @param jar         the job's jar, or {@code null} for a job on the server's class path
     * @param checkpoints how it takes checkpoints (and where it restores from)
     */
    Loaded load(String jobName, Map<String, String> params, Integer parallelism, int workers, Path jar,
                CheckpointConfig checkpoints) {
        if (jobName == null || jobName.isBlank()) {
            throw new BadRequestException("no job name given (\"job\": the name 'sluice jobs' lists, or the jar's job)");
        }
        if (parallelism != null && parallelism < 1) {
            throw new BadRequestException("parallelism must be at least 1, got " + parallelism);
        }
        ClassLoader loader = jar == null ? serverLoader : jarLoader(jobName, jar);
        Loaded loaded = null;
        try {
            StreamJob job = find(jobName, jar, loader);
            JobConfig config = JobConfig.defaults().withJobName(job.name()).withCheckpointing(checkpoints);
            if (parallelism != null) {
                config = config.withParallelism(parallelism);
            }
            if (workers > 0) {
                config = config.withWorkers(workers);
            }
            JobConfig finalConfig = config;
            Loaded unplanned = new Loaded(job, null, finalConfig, loader);
            PhysicalPlan plan = unplanned.withJobClassLoader(() -> {
                Pipeline pipeline = JobOptions.definePipeline(job, params);
                return JobRunner.plan(pipeline, finalConfig);
            });
            loaded = new Loaded(job, plan, finalConfig, loader);
            return loaded;
        } catch (BadRequestException e) {
            throw e;
        } catch (UsageException | BadInputException e) {
            throw new BadRequestException(ErrorReporter.describe(e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadRequestException("job '" + jobName + "' cannot be planned: " + ErrorReporter.oneLine(e.getMessage()));
        } catch (Exception | LinkageError e) {
            throw new BadRequestException("job '" + jobName + "' could not be defined: " + ErrorReporter.describe(e));
        } finally {
            if (loaded == null && loader instanceof JobClassLoader own) {
                try {
                    own.close();
                } catch (IOException ignored) {
                    // nothing was loaded from it that matters
                }
            }
        }
    }

    private JobClassLoader jarLoader(String jobName, Path jar) {
        try {
            return new JobClassLoader("job-" + jobName, jar.toUri().toURL(), serverLoader);
        } catch (MalformedURLException e) {
            throw new BadRequestException("bad jar path " + jar + ": " + e.getMessage());
        }
    }

    private StreamJob find(String jobName, Path jar, ClassLoader loader) {
        if (jar == null) {
            return JobCatalog.load(loader, type -> true).require(jobName);
        }
        JobCatalog own = JobCatalog.load(loader, type -> type.getClassLoader() == loader);
        if (own.all().isEmpty()) {
            String problems = own.problems().isEmpty() ? "" : " (" + String.join("; ", own.problems()) + ")";
            throw new BadRequestException("the jar has no StreamJob: none of its classes is listed in "
                    + "META-INF/services/io.sluice.api.StreamJob" + problems);
        }
        return own.find(jobName).orElseThrow(() -> new BadRequestException("the jar has no job '" + jobName
                + "' (its jobs: " + String.join(", ", own.all().stream().map(StreamJob::name).toList()) + ")"));
    }
}
