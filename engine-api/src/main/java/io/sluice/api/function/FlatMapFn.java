package io.sluice.api.function;

/**
 * Turns one item into zero or more items, handed to {@code out} before the call returns.
 * Same threading contract as {@link MapFn}. {@code out} is only valid during the call.
 */
@FunctionalInterface
public interface FlatMapFn<T, R> {
    void apply(T item, Emitter<? super R> out) throws Exception;
}
