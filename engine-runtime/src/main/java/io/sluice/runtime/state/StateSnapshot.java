package io.sluice.runtime.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one operator instance as bytes, per key group ({@link #OPERATOR_STATE} for state that is not
 * keyed). Restoring at another parallelism hands each new instance the key groups it owns. Immutable.
 *
 * @param maxKeyGroups how many key groups the keys were divided into when the snapshot was taken
 * @param keyGroups    bytes per key group, in key-group order
 */
public record StateSnapshot(int maxKeyGroups, Map<Integer, byte[]> keyGroups) {

    /** The pseudo key group of operator (non-keyed) state. */
    public static final int OPERATOR_STATE = -1;

    public StateSnapshot {
        keyGroups = Collections.unmodifiableMap(new TreeMap<>(keyGroups));
    }

    /**
     * Combines the snapshots of several instances of one operator: their key groups are distinct; their
     * operator state sections are concatenated (operator state is written as self-delimiting items, so the
     * result is the union of all instances' items, which a restore hands to instance 0).
     */
    public static StateSnapshot merge(Iterable<StateSnapshot> parts) {
        Map<Integer, byte[]> all = new TreeMap<>();
        int groups = -1;
        for (StateSnapshot part : parts) {
            if (groups != -1 && part.maxKeyGroups() != groups) {
                throw new IllegalArgumentException("snapshots with " + groups + " and " + part.maxKeyGroups() + " key groups");
            }
            groups = part.maxKeyGroups();
            for (Map.Entry<Integer, byte[]> e : part.keyGroups().entrySet()) {
                if (e.getKey() == OPERATOR_STATE) {
                    all.merge(OPERATOR_STATE, e.getValue(), StateSnapshot::concat);
                    continue;
                }
                if (all.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException("key group " + e.getKey() + " appears in two snapshots");
                }
            }
        }
        return new StateSnapshot(groups, all);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
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
