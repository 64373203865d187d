package io.sluice.runtime.state;

import java.io.IOException;

/**
 * The part of an operator's checkpoint snapshot that was frozen on the worker thread and is written later, on a
 * checkpoint thread, while the worker goes on processing (see {@link KeyedStateBackend#freeze}). Until it is
 * written or released, the operator's state keeps copying what the frozen part still sees.
 */
public interface DeferredState {

    /**
     * Writes the frozen state into {@code out} (the writer that already holds the operator's synchronous part),
     * releasing each piece as soon as it is written. Called at most once, on a thread other than the worker's.
     */
    void writeTo(StateWriter out) throws IOException;

    /** Releases whatever was not written (the checkpoint was abandoned or failed). Idempotent; any thread. */
    void release();
}
