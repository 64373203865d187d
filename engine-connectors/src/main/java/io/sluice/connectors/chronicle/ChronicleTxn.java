package io.sluice.connectors.chronicle;

/**
 * One checkpoint epoch of an exactly-once {@code chronicle:} writer: what it staged between two barriers, the
 * committable of {@link TransactionalChronicleSinkWriter}. Transactions are ordered by {@code (run, checkpointId)},
 * which is the order a writer commits them in, across restarts too (every start of a writer has a higher run).
 *
 * @param run          the writer's run (start) that staged it
 * @param checkpointId the checkpoint whose barrier closed it ({@link Long#MAX_VALUE}: the end of input)
 * @param count        how many records it holds
 */
record ChronicleTxn(long run, long checkpointId, long count) {

    /** Whether this transaction comes after {@code (otherRun, otherCheckpoint)} in commit order. */
    boolean isAfter(long otherRun, long otherCheckpoint) {
        return run != otherRun ? run > otherRun : checkpointId > otherCheckpoint;
    }

    /** Whether this is the transaction {@code (otherRun, otherCheckpoint)}. */
    boolean is(long otherRun, long otherCheckpoint) {
        return run == otherRun && checkpointId == otherCheckpoint;
    }

    /** The name of its staged file. */
    String fileName() {
        return run + "-" + checkpointId + ".staged";
    }
}
