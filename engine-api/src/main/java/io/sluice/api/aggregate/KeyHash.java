package io.sluice.api.aggregate;

import java.util.UUID;

/**
 * A 64-bit hash of a key that is the same in every JVM and every run, as a sketch restored from a snapshot
 * must hash a key it sees again exactly as before it was written (else it counts the key twice). Part of the
 * {@link HyperLogLog} layout: changing any of this needs a new layout version.
 *
 * <ul>
 *   <li>{@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Character}, {@code Boolean}, and the
 *       bits of {@code Double} and {@code Float}: the SplitMix64 finalizer of the value, a bijection, so
 *       distinct {@code long}s never collide ({@code Long.hashCode} folds two longs onto one int);</li>
 *   <li>{@code String}: 64-bit MurmurHash3-style over the UTF-16 chars, four chars per block
 *       ({@code String.hashCode} has only 32 bits and well-known collisions);</li>
 *   <li>{@code byte[]}: the same over the bytes (an array's own hashCode is its identity);</li>
 *   <li>{@code UUID}: both halves; {@code Enum}: its class and constant names (an enum's hashCode is its
 *       identity, different in every run);</li>
 *   <li>anything else: the SplitMix64 finalizer of {@code hashCode()}. Only 2<sup>32</sup> values, so past
 *       some hundred million distinct keys collisions start to show; map such keys to a {@code String} or
 *       {@code Long} first. The hashCode must be value-based (records, {@code List}s of the above).</li>
 * </ul>
 */
final class KeyHash {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    /** Keeps a hashCode-based hash apart from the same value as a Long. */
    private static final long OBJECT_TAG = 0x5bd1e9955bd1e995L;

    private KeyHash() {
    }

    static long hash64(Object key) {
        if (key instanceof String) {
            return ofString((String) key);
        } else if (key instanceof Long) {
            return ofLong((Long) key);
        } else if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ofLong(((Number) key).longValue());
        } else if (key instanceof Character) {
            return ofLong((Character) key);
        } else if (key instanceof Double) {
            return ofLong(Double.doubleToLongBits((Double) key)); // the bits Double.equals compares
        } else if (key instanceof Float) {
            return ofLong(Float.floatToIntBits((Float) key));
        } else if (key instanceof Boolean) {
            return ofLong((Boolean) key ? 1 : 0);
        } else if (key instanceof byte[]) {
            return ofBytes((byte[]) key);
        } else if (key instanceof UUID) {
            UUID u = (UUID) key;
            return ofLong(u.getMostSignificantBits() ^ ofLong(u.getLeastSignificantBits()));
        } else if (key instanceof Enum) {
            Enum<?> e = (Enum<?>) key;
            return ofLong(ofString(e.getDeclaringClass().getName()) * GOLDEN + ofString(e.name()));
        }
        return ofLong((key.hashCode() & 0xffffffffL) ^ OBJECT_TAG);
    }

    /** SplitMix64's output function over {@code v + golden}: a bijection with good avalanche, and 0 is no fixed point. */
    static long ofLong(long v) {
        long z = v + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long ofString(String s) {
        int n = s.length();
        long h = GOLDEN ^ n;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long k = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48;
            h = round(h, k);
        }
        if (i < n) {
            long k = 0;
            for (int shift = 0; i < n; i++, shift += 16) {
                k |= (long) s.charAt(i) << shift;
            }
            h ^= scramble(k);
        }
        return fmix64(h ^ n);
    }

    static long ofBytes(byte[] b) {
        int n = b.length;
        long h = ~GOLDEN ^ n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long k = 0;
            for (int j = 7; j >= 0; j--) {
                k = k << 8 | (b[i + j] & 0xff);
            }
            h = round(h, k);
        }
        if (i < n) {
            long k = 0;
            for (int shift = 0; i < n; i++, shift += 8) {
                k |= (long) (b[i] & 0xff) << shift;
            }
            h ^= scramble(k);
        }
        return fmix64(h ^ n);
    }

    private static long round(long h, long k) {
        h ^= scramble(k);
        h = Long.rotateLeft(h, 27);
        return h * 5 + 0x52dce729;
    }

    private static long scramble(long k) {
        k *= C1;
        k = Long.rotateLeft(k, 31);
        return k * C2;
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
