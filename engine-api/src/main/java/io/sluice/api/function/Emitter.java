package io.sluice.api.function;

/**
 * Receives the items a function produces. Not thread-safe: call it only from the thread that invoked the
 * function, and only during that invocation.
 */
@FunctionalInterface
public interface Emitter<T> {
    void emit(T item);
}
