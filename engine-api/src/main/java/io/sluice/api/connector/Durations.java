package io.sluice.api.connector;

import java.time.Duration;

/** Parses the duration syntax of the CLI and URIs: a non-negative integer and a unit ms, s, m, h or d. */
public final class Durations {

    private Durations() {
    }

    /** @throws IllegalArgumentException with a one-line reason */
    public static Duration parse(String text) {
        String t = text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i == t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 500ms, 10s, 5m, 2h, 7d)");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        try {
            switch (t.substring(i)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                case "d": return Duration.ofDays(n);
                default:
                    throw new IllegalArgumentException("'" + text + "' has an unknown unit (use ms, s, m, h or d)");
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
    }
}
