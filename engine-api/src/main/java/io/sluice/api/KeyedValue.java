package io.sluice.api;

/**
 * A key with a value, e.g. the current result of a rolling aggregation for that key.
 *
 * @param key   the key
 * @param value the value
 */
public record KeyedValue<K, V>(K key, V value) {
}
