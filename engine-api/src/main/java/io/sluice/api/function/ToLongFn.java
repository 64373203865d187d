package io.sluice.api.function;

/** Extracts a {@code long} from an item without boxing. Same threading contract as {@link MapFn}. */
@FunctionalInterface
public interface ToLongFn<T> {
    long applyAsLong(T item) throws Exception;
}
