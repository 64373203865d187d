package io.sluice.api.function;

/** Extracts a {@code double} from an item without boxing. Same threading contract as {@link MapFn}. */
@FunctionalInterface
public interface ToDoubleFn<T> {
    double applyAsDouble(T item) throws Exception;
}
