package io.sluice.runtime.exec;

/**
 * A unit of cooperative work owned by exactly one {@link Worker} thread, in the style of Agrona's
 * {@code Agent}: the worker calls {@link #doWork()} in a loop, and the tasklet does a bounded amount of work
 * and returns, never blocking.
 *
 * <p><b>How it is called.</b> Only by the owning worker thread: {@link #init()} once, then {@link #doWork()}
 * until {@link #isDone()}, then {@link #close()} exactly once, also after a failure or cancellation.
 */
public interface Tasklet {

    /** Opens operators, readers and writers, on the worker thread. */
    void init() throws Exception;

    /** Does a bounded amount of work; returns how much (0 = nothing could be done, the worker may idle). */
    int doWork() throws Exception;

    /** True when the tasklet has finished: all input processed and all output handed on. */
    boolean isDone();

    /**
     * Releases resources, also for a tasklet that failed half-way. Closes everything it can, then throws the
     * first failure (the worker reports it; an earlier failure of the job still wins).
     */
    void close() throws Exception;

    /** For thread dumps and errors. */
    String name();
}
