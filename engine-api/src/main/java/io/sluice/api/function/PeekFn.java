package io.sluice.api.function;

/**
 * Observes an item without changing it (logging, metrics). Same threading contract as {@link MapFn}.
 */
@FunctionalInterface
public interface PeekFn<T> {
    void accept(T item) throws Exception;
}
