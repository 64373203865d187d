package io.sluice.runtime.exec;

/**
 * Counters of one operator, summed over its parallel instances.
 *
 * @param vertex      the vertex (fused chain) it runs in
 * @param name        display name
 * @param uid         stable id
 * @param kind        what it does ({@code map}, {@code source}, ...)
 * @param parallelism number of instances
 * @param recordsIn   records received
 * @param recordsOut  records emitted (for a sink: written)
 * @param lateRecords records rejected as late (event-time operators such as windows), whether or not a side
 *                    output took them
 * @param errors      records the operator could not process: for a source, the records it could not read
 *                    (undecodable, or of a refused schema) and skipped, dead-lettered or failed on, per its
 *                    error policy (see {@link io.sluice.api.connector.BadRecordCounter})
 */
public record OperatorMetrics(int vertex, String name, String uid, String kind, int parallelism, long recordsIn,
                              long recordsOut, long lateRecords, long errors) {

    /** Counters of an operator that never meets a record it cannot process. */
    public OperatorMetrics(int vertex, String name, String uid, String kind, int parallelism, long recordsIn,
                           long recordsOut, long lateRecords) {
        this(vertex, name, uid, kind, parallelism, recordsIn, recordsOut, lateRecords, 0);
    }

    /** Counters of an operator that never rejects records as late. */
    public OperatorMetrics(int vertex, String name, String uid, String kind, int parallelism, long recordsIn,
                           long recordsOut) {
        this(vertex, name, uid, kind, parallelism, recordsIn, recordsOut, 0, 0);
    }
}
