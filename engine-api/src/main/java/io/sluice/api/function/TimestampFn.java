package io.sluice.api.function;

/**
 * Extracts the event time of an item, epoch milliseconds. Same threading contract as {@link MapFn}.
 */
@FunctionalInterface
public interface TimestampFn<T> {
    long timestamp(T item) throws Exception;
}
