package io.sluice.runtime.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one operator instance as bytes, per key group ({@link #OPERATOR_STATE} for state that is not
 * keyed). Restoring at another parallelism hands each new instance the key groups it owns. Immutable.
 *
 * @param keyGroups bytes per key group, in key-group order
 */
public record StateSnapshot(Map<Integer, byte[]> keyGroups) {

    /** The pseudo key group of operator (non-keyed) state. */
    public static final int OPERATOR_STATE = -1;

    public StateSnapshot {
        keyGroups = Collections.unmodifiableMap(new TreeMap<>(keyGroups));
    }

    /** Combines the snapshots of several instances (each owns distinct key groups). */
    public static StateSnapshot merge(Iterable<StateSnapshot> parts) {
        Map<Integer, byte[]> all = new TreeMap<>();
        for (StateSnapshot part : parts) {
            for (Map.Entry<Integer, byte[]> e : part.keyGroups().entrySet()) {
                if (all.put(e.getKey(), e.getValue()) != null && e.getKey() != OPERATOR_STATE) {
                    throw new IllegalStateException("key group " + e.getKey() + " appears in two snapshots");
                }
            }
        }
        return new StateSnapshot(all);
    }

    public boolean isEmpty() {
        return keyGroups.isEmpty();
    }

    /** Total size in bytes. */
    public long sizeBytes() {
        long n = 0;
        for (byte[] b : keyGroups.values()) {
            n += b.length;
        }
        return n;
    }
}
