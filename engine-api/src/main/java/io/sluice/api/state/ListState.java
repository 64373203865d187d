package io.sluice.api.state;

import java.util.List;

/**
 * A list per key. Every mutation refreshes the time-to-live of the key's whole list. The list returned by
 * {@link #get()} is a read-only view, valid until the next mutation.
 *
 * @param <V> the element type
 * @see State for scoping and thread safety
 */
public interface ListState<V> extends State {

    /** The current key's list; empty when there is none. */
    List<V> get();

    /** Appends an element ({@code null} is refused). */
    void add(V value);

    /** Replaces the current key's list; an empty list removes it. */
    void update(List<? extends V> values);

    int size();

    boolean isEmpty();
}
