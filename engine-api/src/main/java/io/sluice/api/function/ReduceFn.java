package io.sluice.api.function;

/**
 * Combines the running value with a new item of the same type. Same threading contract as {@link MapFn}.
 */
@FunctionalInterface
public interface ReduceFn<T> {
    T apply(T accumulated, T item) throws Exception;
}
