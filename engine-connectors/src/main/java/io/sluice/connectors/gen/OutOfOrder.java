package io.sluice.connectors.gen;

/** Chooses which events arrive late and by how much: about one in ten, by 1 ms to {@code bound - 1} ms. */
final class OutOfOrder {

    private OutOfOrder() {
    }

    /**
     * The delay of an event from 32 random bits ({@code bits32} in {@code [0, 2^32)}): the upper 16 bits decide
     * (6554 of 65536, about 10%), the lower 16 give the amount in {@code [1, boundMillis)}.
     */
    static long delayMillis(long bits32, int boundMillis) {
        int decide = (int) (bits32 >>> 16);
        if (SplitMix.scale(decide, 16, 10) != 0) {
            return 0;
        }
        return 1 + SplitMix.scale((int) (bits32 & 0xFFFF), 16, boundMillis - 1);
    }
}
