package io.sluice.api.function;

/**
 * Turns one item into another. Must not return {@code null}: use {@code filter} or {@code flatMap} to drop items.
 *
 * <p>Called on the worker thread that owns the stage, one item at a time; an instance is never called
 * concurrently, but the planner may share one instance between the parallel instances of a stage, so keep
 * it free of mutable state. An exception fails the job, naming the stage.
 */
@FunctionalInterface
public interface MapFn<T, R> {
    R apply(T item) throws Exception;
}
