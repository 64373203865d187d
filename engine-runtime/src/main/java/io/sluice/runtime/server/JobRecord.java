package io.sluice.runtime.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the server keeps about a job on disk ({@code <state-dir>/jobs/<id>/job.json}, see {@link JobStore}):
 * enough to run it again after a restart. Immutable; {@code with...} methods return changed copies.
 *
 * @param id            the job id (16 hex digits)
 * @param job           the job name ({@link io.sluice.api.StreamJob#name()})
 * @param params        its {@code -p} parameters
 * @param parallelism   the default parallelism, or {@code null} for the server's
 * @param jar           the file name of its jar in the job directory, or {@code null} for a job on the server's class path
 * @param state         where it is
 * @param cause         why it failed last (one line), or {@code null}
 * @param failures      how many times it failed in all
 * @param submittedAt   epoch ms
 * @param endedAt       epoch ms when it reached a final state, or 0
 * @param lastSavepoint the directory of its newest savepoint, or {@code null}
 */
public record JobRecord(String id, String job, Map<String, String> params, Integer parallelism, String jar,
                        JobState state, String cause, int failures, long submittedAt, long endedAt,
                        String lastSavepoint) {

    /** The format version written as {@code "version"} in every record. */
    public static final int VERSION = 1;

    public JobRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(state, "state");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public JobRecord withState(JobState newState, String newCause) {
        long ended = newState.isFinal() ? System.currentTimeMillis() : 0;
        return new JobRecord(id, job, params, parallelism, jar, newState, newCause, failures, submittedAt, ended,
                lastSavepoint);
    }

    public JobRecord withFailure(String newCause) {
        return new JobRecord(id, job, params, parallelism, jar, state, newCause, failures + 1, submittedAt, endedAt,
                lastSavepoint);
    }

    public JobRecord withLastSavepoint(String path) {
        return new JobRecord(id, job, params, parallelism, jar, state, cause, failures, submittedAt, endedAt, path);
    }
}
