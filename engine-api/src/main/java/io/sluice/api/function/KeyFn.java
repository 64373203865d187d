package io.sluice.api.function;

/**
 * Extracts the partitioning key of an item. Must be deterministic and return a non-null key whose
 * {@code equals}/{@code hashCode} are value-based, since the key decides which worker owns the item's
 * state. Same threading contract as {@link MapFn}.
 */
@FunctionalInterface
public interface KeyFn<T, K> {
    K key(T item) throws Exception;
}
