package io.sluice.connectors.gen;

/**
 * Precomputed strings for the clickstream generator, built once at class initialisation, so that making an
 * event allocates nothing but the event itself. Weighted choices are tables in which a value appears as often
 * as its weight.
 */
final class ClickstreamPools {

    static final int PAGES_COUNT = 1000;
    static final int SESSION_ID_BITS = 14;

    /** {@code /p/0} to {@code /p/999}. */
    static final String[] PAGES = new String[PAGES_COUNT];
    /** Random-looking session ids; a session picks one by its hash. */
    static final String[] SESSION_IDS = new String[1 << SESSION_ID_BITS];
    /** Countries by weight (64 entries). */
    static final String[] COUNTRY_TABLE = weighted(64,
            "US", 16, "DE", 9, "GB", 7, "FR", 5, "IN", 5, "BR", 4, "JP", 3, "CA", 3, "NL", 2, "ES", 2, "IT", 2,
            "SE", 2, "PL", 2, "AU", 1, "MX", 1);
    /** Devices by weight (16 entries). */
    static final String[] DEVICE_TABLE = weighted(16, "mobile", 9, "desktop", 5, "tablet", 2);

    static {
        for (int i = 0; i < PAGES.length; i++) {
            PAGES[i] = "/p/" + i;
        }
        long state = 0x636C69636BL; // "click"
        for (int i = 0; i < SESSION_IDS.length; i++) {
            state = SplitMix.mix(state + SplitMix.GOLDEN);
            SESSION_IDS[i] = "s-" + Long.toHexString(state >>> 16 | 1L << 48).substring(1);
        }
    }

    private ClickstreamPools() {
    }

    /** {@code (value, weight)} pairs expanded into a table of {@code size} entries; the weights must sum to it. */
    private static String[] weighted(int size, Object... valuesAndWeights) {
        String[] table = new String[size];
        int at = 0;
        for (int i = 0; i < valuesAndWeights.length; i += 2) {
            String value = (String) valuesAndWeights[i];
            int weight = (Integer) valuesAndWeights[i + 1];
            for (int w = 0; w < weight; w++) {
                table[at++] = value;
            }
        }
        if (at != size) {
            throw new IllegalStateException("weights sum to " + at + ", expected " + size);
        }
        return table;
    }
}
