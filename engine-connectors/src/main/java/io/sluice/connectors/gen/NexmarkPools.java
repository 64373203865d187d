package io.sluice.connectors.gen;

/**
 * Precomputed strings and prices for the NEXMark generator, built once at class initialisation from a fixed
 * seed, so that making an event allocates nothing but the event itself. Pool sizes are powers of two, indexed
 * by random bits.
 */
final class NexmarkPools {

    private static final String[] FIRST_NAMES = {
        "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"};
    private static final String[] LAST_NAMES = {
        "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
    private static final String[] DOMAINS = {"example.com", "mail.test", "post.example", "inbox.test"};
    private static final String[] ADJECTIVES = {
        "vintage", "antique", "rare", "signed", "used", "new", "boxed", "handmade",
        "restored", "classic", "mint", "large", "small", "wooden", "silver", "golden"};
    private static final String[] NOUNS = {
        "lamp", "clock", "chair", "guitar", "camera", "watch", "vase", "bicycle",
        "record", "poster", "rug", "table", "radio", "typewriter", "mirror", "teapot"};
    private static final String[] CONDITIONS = {
        "as new", "light wear", "some scratches", "needs repair", "original box", "no box", "collector's item",
        "works perfectly", "", "from an estate sale", "one owner", "spare parts included", "tested", "untested",
        "rare find", "pick-up only"};

    /** Cities of the original generator with their states; q3 selects OR, ID and CA. */
    static final String[] CITIES = {
        "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent",
        "Cheyenne"};
    static final String[] STATES = {"AZ", "CA", "CA", "ID", "OR", "OR", "WA", "WA", "WA", "WY"};

    static final String[] CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

    static final int NAME_BITS = 10;
    static final int CARD_BITS = 10;
    static final int ITEM_BITS = 8;
    static final int DESCRIPTION_BITS = 8;
    static final int URL_BITS = 6;
    static final int EXTRA_BITS = 6;
    static final int PRICE_BITS = 12;

    /** Full names; {@code EMAILS[i]} belongs to {@code NAMES[i]}. */
    static final String[] NAMES = new String[1 << NAME_BITS];
    static final String[] EMAILS = new String[1 << NAME_BITS];
    static final String[] CREDIT_CARDS = new String[1 << CARD_BITS];
    static final String[] ITEM_NAMES = new String[1 << ITEM_BITS];
    static final String[] DESCRIPTIONS = new String[1 << DESCRIPTION_BITS];
    /** Per channel {@code c}, urls {@code [c << URL_BITS, (c + 1) << URL_BITS)}. */
    static final String[] URLS = new String[CHANNELS.length << URL_BITS];
    static final String[] EXTRAS = new String[1 << EXTRA_BITS];
    /** Log-uniform prices from 1.00 to 100,000.00, in cents. */
    static final long[] PRICES = new long[1 << PRICE_BITS];

    static {
        long state = 0x6E65786D61726BL; // "nexmark"
        for (int i = 0; i < NAMES.length; i++) {
            String first = FIRST_NAMES[i % FIRST_NAMES.length];
            String last = LAST_NAMES[i / FIRST_NAMES.length % LAST_NAMES.length];
            NAMES[i] = first + " " + last;
            EMAILS[i] = first.toLowerCase(java.util.Locale.ROOT) + "." + last.toLowerCase(java.util.Locale.ROOT)
                    + i + "@" + DOMAINS[i % DOMAINS.length];
        }
        for (int i = 0; i < CREDIT_CARDS.length; i++) {
            StringBuilder card = new StringBuilder(19);
            for (int group = 0; group < 4; group++) {
                state = SplitMix.mix(state + SplitMix.GOLDEN);
                card.append(group == 0 ? "" : " ").append(String.format("%04d", Math.floorMod(state, 10_000)));
            }
            CREDIT_CARDS[i] = card.toString();
        }
        for (int i = 0; i < ITEM_NAMES.length; i++) {
            ITEM_NAMES[i] = ADJECTIVES[i % 16] + " " + NOUNS[i / 16 % 16];
        }
        for (int i = 0; i < DESCRIPTIONS.length; i++) {
            String condition = CONDITIONS[i % 16];
            String adjective = ADJECTIVES[i / 16 % 16];
            DESCRIPTIONS[i] = Character.toUpperCase(adjective.charAt(0)) + adjective.substring(1) + " " + NOUNS[i % 16]
                    + (condition.isEmpty() ? "" : ", " + condition);
        }
        for (int c = 0; c < CHANNELS.length; c++) {
            for (int k = 0; k < 1 << URL_BITS; k++) {
                URLS[c << URL_BITS | k] = "https://www.nexmark.com/" + NOUNS[k % 16] + "/item.htm?query=" + k
                        + "&channel_id=" + CHANNELS[c].toLowerCase(java.util.Locale.ROOT);
            }
        }
        for (int i = 0; i < EXTRAS.length; i++) {
            state = SplitMix.mix(state + SplitMix.GOLDEN);
            EXTRAS[i] = letters(state, i % 41);
        }
        for (int i = 0; i < PRICES.length; i++) {
            PRICES[i] = Math.round(100 * Math.pow(10, 5.0 * (i + 0.5) / PRICES.length));
        }
    }

    private NexmarkPools() {
    }

    private static String letters(long seed, int length) {
        char[] chars = new char[length];
        long s = seed;
        for (int i = 0; i < length; i++) {
            s = SplitMix.mix(s + SplitMix.GOLDEN);
            chars[i] = (char) ('a' + Math.floorMod(s, 26));
        }
        return new String(chars);
    }
}
