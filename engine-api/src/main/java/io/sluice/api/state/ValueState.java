package io.sluice.api.state;

/**
 * One value per key. An absent value (never set, cleared, or expired by its {@link StateTtl}) reads as
 * {@code null}. Values are kept as objects on the heap and written to snapshots with the descriptor's codec;
 * a mutable value may be changed in place, but then call {@link #set} so that a time-to-live is refreshed.
 *
 * @param <V> the value type
 * @see State for scoping and thread safety
 */
public interface ValueState<V> extends State {

    /** The current key's value, or {@code null} when there is none. */
    V get();

    /** The current key's value, or {@code defaultValue} when there is none. */
    default V getOrDefault(V defaultValue) {
        V v = get();
        return v == null ? defaultValue : v;
    }

    /**
     * Sets the current key's value (and refreshes its time-to-live).
     *
     * @throws NullPointerException if {@code value} is null: use {@link #clear()} to remove a value
     */
    void set(V value);

    /** Whether the current key has a value. */
    boolean isPresent();
}
