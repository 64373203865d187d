package io.sluice.runtime.server;

import io.sluice.runtime.checkpoint.CheckpointConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's jobs: submits new ones (checked completely before anything is stored), resumes stored ones
 * when the server starts, finds them by id and stops them all when the server shuts down. Thread-safe.
 */
final class JobManager {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final JobStore store;
    private final JobLoader loader;
    private final ServerConfig config;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ManagedJob> jobs = new LinkedHashMap<>();

    JobManager(JobStore store, JobLoader loader, ServerConfig config) {
        this.store = store;
        this.loader = loader;
        this.config = config;
    }

    /**
     * Loads every stored job; those that were RUNNING or RESTARTING run again from their newest complete
     * checkpoint.
     */
    void recover() throws IOException {
        for (JobRecord r : store.loadAll(LOG::warn)) {
            ManagedJob job = new ManagedJob(r, store, loader, config);
            synchronized (this) {
                jobs.put(r.id(), job);
            }
            if (!r.state().isFinal()) {
                LOG.info("resuming job {} ({}) from its newest checkpoint", r.id(), r.job());
                job.start(true);
            }
        }
    }

    /**
     * Submits a job. It is loaded, defined and planned first (a {@link BadRequestException} then leaves nothing
     * behind); then its directory is created in one rename, and it starts.
     *
     * @param jar the uploaded jar (a temporary file the caller deletes), or {@code null}
     */
    ManagedJob submit(String jobName, Map<String, String> params, Integer parallelism, Path jar) throws IOException {
        String id = newId();
        // A dry run with a throw-away checkpoint directory: only to check that the job loads, defines and plans.
        CheckpointConfig check = CheckpointConfig.every(config.checkpointInterval(), store.jobDir(id).resolve("never-used"));
        try (JobLoader.Loaded ignored = loader.load(jobName, params, parallelism, config.workers(), jar, check)) {
            JobRecord record = new JobRecord(id, ignored.job().name(), params, parallelism, jar == null ? null : JobStore.JAR,
                    JobState.RUNNING, null, 0, System.currentTimeMillis(), 0, null);
            store.create(record, jar);
            ManagedJob job = new ManagedJob(record, store, loader, config);
            synchronized (this) {
                jobs.put(id, job);
            }
            LOG.info("job {} ({}) submitted{}", id, record.job(), jar == null ? "" : " with its jar");
            job.start(false);
            return job;
        }
    }

    private String newId() {
        byte[] bytes = new byte[8];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** The job with that id; an unknown id is a 404. */
    synchronized ManagedJob require(String id) {
        ManagedJob job = jobs.get(id);
        if (job == null) {
            throw new BadRequestException(404, "no job with id '" + id + "'");
        }
        return job;
    }

    /** Every job, in the order they were submitted. */
    synchronized List<ManagedJob> all() {
        return new ArrayList<>(jobs.values());
    }

    /** Stops every running job, keeping their records as they are so the next start resumes them. */
    void shutdown(Duration timeout) {
        for (ManagedJob job : all()) {
            try {
                job.shutdown(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
