package io.sluice.runtime.op;

/**
 * Maps keys to key groups and key groups to operator instances. Keyed state is stored per key group, and
 * each instance owns a contiguous range of groups, so a snapshot taken at one parallelism can be restored
 * at another by handing out the same groups in different ranges.
 */
public final class KeyGroups {

    /** Default number of key groups: the largest parallelism a keyed operator can be rescaled to. */
    public static final int DEFAULT_MAX_KEY_GROUPS = 128;

    private KeyGroups() {
    }

    /**
     * The key group of a key: Murmur3's 32-bit finalizer over {@code hashCode}, so every bit of a poor hash
     * code (small integers, values differing only in high bits) spreads over the groups.
     */
    public static int keyGroup(Object key, int maxKeyGroups) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        h &= Integer.MAX_VALUE;
        // The same group either way; a mask spares the per-record division for the usual power of two.
        return (maxKeyGroups & (maxKeyGroups - 1)) == 0 ? h & (maxKeyGroups - 1) : h % maxKeyGroups;
    }

    /** The instance that owns a key group. Inverse of {@link #firstKeyGroup}. */
    public static int instanceOf(int keyGroup, int parallelism, int maxKeyGroups) {
        return (int) ((long) keyGroup * parallelism / maxKeyGroups);
    }

    /** The first key group owned by {@code instance} (or {@code maxKeyGroups} for {@code instance == parallelism}). */
    public static int firstKeyGroup(int instance, int parallelism, int maxKeyGroups) {
        return (int) (((long) instance * maxKeyGroups + parallelism - 1) / parallelism);
    }
}
