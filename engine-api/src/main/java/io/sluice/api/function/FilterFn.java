package io.sluice.api.function;

/**
 * Decides whether an item passes. Same threading contract as {@link MapFn}.
 */
@FunctionalInterface
public interface FilterFn<T> {
    boolean test(T item) throws Exception;
}
