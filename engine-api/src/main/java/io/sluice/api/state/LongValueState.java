package io.sluice.api.state;

/**
 * One {@code long} per key, for counters and sums: reading and updating it never boxes (the runtime keeps a
 * mutable holder per key and updates it in place). An absent value reads as 0.
 *
 * <pre>{@code
 * long seen = ctx.state(COUNT).add(1);   // one hash lookup, no allocation once the key exists
 * }</pre>
 *
 * @see State for scoping and thread safety
 */
public interface LongValueState extends State {

    /** The current key's value, or 0 when there is none. */
    long get();

    /** The current key's value, or {@code defaultValue} when there is none. */
    long getOrDefault(long defaultValue);

    /** Sets the current key's value (and refreshes its time-to-live). */
    void set(long value);

    /** Adds {@code delta} to the current key's value (0 when absent) and returns the new value. */
    long add(long delta);

    /** Whether the current key has a value (was set and not cleared or expired), even if it is 0. */
    boolean isPresent();
}
