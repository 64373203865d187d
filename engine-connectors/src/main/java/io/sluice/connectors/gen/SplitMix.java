package io.sluice.connectors.gen;

/**
 * SplitMix64 hashing: every random choice of the generators is a pure function of {@code (seed, index)},
 * so event {@code i} is the same whichever instance makes it and in whatever order.
 */
final class SplitMix {

    /** The golden-ratio increment of SplitMix64. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SplitMix() {
    }

    /** The SplitMix64 finaliser: a bijection with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The per-seed base that {@link #at} offsets. */
    static long base(long seed) {
        return mix(seed ^ 0x5851F42D4C957F2DL);
    }

    /** 64 random bits for event {@code index}: the {@code index + 1}-th output of a SplitMix64 stream. */
    static long at(long base, long index) {
        return mix(base + (index + 1) * GOLDEN);
    }

    /** {@code count} bits of {@code h} starting at bit {@code shift}, as a non-negative int. */
    static int bits(long h, int shift, int count) {
        return (int) ((h >>> shift) & ((1L << count) - 1));
    }

    /** Maps {@code value}, uniform in {@code [0, 2^bitCount)}, to {@code [0, n)} without a division. */
    static int scale(int value, int bitCount, int n) {
        return (int) (((long) value * n) >>> bitCount);
    }
}
