package io.sluice.runtime.window;

/**
 * The arithmetic of epoch-aligned tumbling and sliding windows. Windows start at {@code offset + k·slide} and
 * last {@code size}; events are folded into slices of {@code gcd(size, slide)} (for tumbling windows a slice is
 * the window), so every window is a whole number of consecutive slices. Immutable.
 */
final class SliceGrid {

    final long size;
    final long slide;
    final long offset;
    /** Slice length: the largest length that divides both the size and the slide. */
    final long slice;
    /** Window ends are the times {@code t} with {@code floorMod(t - endPhase, slide) == 0}. */
    private final long endPhase;

    SliceGrid(long size, long slide, long offset) {
        this.size = size;
        this.slide = slide;
        this.offset = offset;
        this.slice = gcd(size, slide);
        this.endPhase = Math.floorMod(offset + size, slide);
    }

    /** Start of the slice that holds time {@code t}. */
    long sliceStart(long t) {
        return t - Math.floorMod(t - offset, slice);
    }

    /** The smallest window end strictly after {@code t}. */
    long firstEndAfter(long t) {
        return t - Math.floorMod(t - endPhase, slide) + slide;
    }

    /** The end of the last window that contains the slice starting at {@code sliceStart}. */
    long lastEnd(long sliceStart) {
        return sliceStart - Math.floorMod(sliceStart - offset, slide) + size;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** {@code a + b} for non-negative {@code b}, capped at {@code Long.MAX_VALUE}. */
    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }
}
