package io.sluice.api.connector;

import io.sluice.api.codec.Codec;

/**
 * A sink writer that takes part in checkpoints with a two-phase commit, which makes its output
 * exactly-once: at checkpoint barrier {@code n} it stages what it wrote since the previous barrier
 * ({@link #preCommit}), and only when checkpoint {@code n} is complete does the runtime make it visible
 * ({@link #commit}). On restore, committables recorded in the checkpoint but not yet committed are committed
 * again (so {@code commit} must be idempotent), and leftovers of the crashed run are {@link #abort}ed.
 *
 * @param <T> the record type
 * @param <C> the committable: what identifies a staged transaction (a temp file name, a transactional id)
 */
public interface TwoPhaseCommitSinkWriter<T, C> extends SinkWriter<T> {

    /** Stages everything written so far under checkpoint {@code checkpointId} and starts a new transaction. */
    C preCommit(long checkpointId) throws Exception;

    /** Makes a staged transaction visible. Idempotent. */
    void commit(C committable) throws Exception;

    /** Discards a staged transaction. Idempotent. */
    void abort(C committable) throws Exception;

    /** How committables are stored in checkpoints. */
    Codec<C> committableCodec();
}
