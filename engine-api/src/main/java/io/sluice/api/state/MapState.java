package io.sluice.api.state;

import java.util.Map;

/**
 * A map per key. Every mutation ({@link #put}, {@link #remove}) refreshes the time-to-live of the key's whole
 * map; a {@link StateTtl} expires the map of a key as one unit, not entry by entry. The views returned by
 * {@link #entries()}, {@link #keys()} and {@link #values()} are read-only and valid until the next mutation.
 *
 * @param <UK> the type of the map's keys (the "user keys", distinct from the stream's key)
 * @param <UV> the type of the map's values
 * @see State for scoping and thread safety
 */
public interface MapState<UK, UV> extends State {

    /** The value of {@code userKey} in the current key's map, or {@code null}. */
    UV get(UK userKey);

    /** Puts an entry into the current key's map; {@code null} keys or values are refused. */
    void put(UK userKey, UV value);

    /** Removes an entry; returns its value or {@code null}. Removing the last entry removes the map. */
    UV remove(UK userKey);

    boolean contains(UK userKey);

    /** Entries in the current key's map. */
    int size();

    boolean isEmpty();

    /** The entries of the current key's map (empty when there is none). */
    Iterable<Map.Entry<UK, UV>> entries();

    Iterable<UK> keys();

    Iterable<UV> values();
}
