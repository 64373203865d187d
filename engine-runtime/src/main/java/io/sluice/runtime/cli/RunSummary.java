package io.sluice.runtime.cli;

import io.sluice.runtime.exec.JobMetrics;
import io.sluice.runtime.exec.OperatorMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report {@code sluice run} prints on stderr when a job ends: a headline (finished or cancelled, wall
 * time, events/s), then one row per operator with its records in and out.
 *
 * <pre>
 * job 'nexmark-q1' finished in 1.42 s: 1,000,000 events in, 920,000 records out, 704.2 K events/s
 *   vertex  operator  kind    par  records in  records out
 *   v0      source    source    2           0    1,000,000
 *   v0      bids      filter    2   1,000,000      920,000
 *   ...
 * </pre>
 */
final class RunSummary {

    private RunSummary() {
    }

    /**
     * @param wallNanos time from the start of the command to the end of the job, planning included
     */
    static String format(String jobName, boolean cancelled, JobMetrics m, long wallNanos) {
        StringBuilder sb = new StringBuilder();
        sb.append("job '").append(jobName).append("' ").append(cancelled ? "cancelled after " : "finished in ")
                .append(Formats.duration(m.elapsedNanos())).append(": ")
                .append(Formats.count(m.sourceRecords())).append(" events in, ")
                .append(Formats.count(m.sinkRecords())).append(" records out, ")
                .append(Formats.rate(m.sourceRate())).append(" events/s")
                .append(" (wall time ").append(Formats.duration(wallNanos)).append(")\n");
        sb.append(table(m.operators()));
        for (OperatorMetrics op : m.operators()) {
            if (op.lateRecords() > 0) {
                sb.append("  ").append(op.name()).append(": ").append(Formats.count(op.lateRecords()))
                        .append(" late records (behind the watermark by more than the allowed lateness)\n");
            }
            if (op.errors() > 0) {
                sb.append("  ").append(op.name()).append(": ").append(Formats.count(op.errors()))
                        .append(" records it could not read (skipped or dead-lettered by its onError policy)\n");
            }
        }
        if (m.errors() > 0) {
            sb.append(String.format(Locale.ROOT, "  error rate: %.3f %% of the records read%n", m.errorRate() * 100));
        }
        return sb.toString();
    }

    /** One line on the newest checkpoint and the final savepoint, or nothing when there were none. */
    static String checkpoints(io.sluice.runtime.checkpoint.CheckpointStats last,
                              io.sluice.runtime.checkpoint.CheckpointStats savepoint) {
        StringBuilder sb = new StringBuilder();
        if (last != null && (savepoint == null || last.checkpointId() != savepoint.checkpointId())) {
            sb.append(describe("last checkpoint", last));
        }
        if (savepoint != null) {
            sb.append(describe("final savepoint", savepoint));
        }
        return sb.toString();
    }

    private static String describe(String what, io.sluice.runtime.checkpoint.CheckpointStats s) {
        return String.format(Locale.ROOT, "%s #%d: %s in %s, alignment %s, worker pause %s, state written off the "
                        + "worker in %s -> %s%n", what, s.checkpointId(), Formats.bytes(s.bytes()),
                Formats.duration(s.durationNanos()), Formats.pause(s.maxAlignNanos()), Formats.pause(s.maxSyncNanos()),
                Formats.pause(s.maxAsyncNanos()), s.path());
    }

    private static String table(List<OperatorMetrics> operators) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"vertex", "operator", "kind", "par", "records in", "records out"});
        for (OperatorMetrics op : operators) {
            rows.add(new String[] {"v" + op.vertex(), op.name(), op.kind(), Integer.toString(op.parallelism()),
                    Formats.count(op.recordsIn()), Formats.count(op.recordsOut())});
        }
        int[] width = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(String.format(Locale.ROOT, "  %-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2]
                            + "s  %" + width[3] + "s  %" + width[4] + "s  %" + width[5] + "s\n",
                    (Object[]) row));
        }
        return sb.toString();
    }
}
