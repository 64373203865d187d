package io.sluice.runtime.cli;

import java.util.Locale;

/** Number, rate and duration formatting shared by the progress line and the run summary. */
final class Formats {

    private Formats() {
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate per second with a unit prefix: {@code 812}, {@code 81.2 K}, {@code 8.12 M}. */
    static String rate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", perSecond / 1e9);
        } else if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        } else if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f K", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** A duration for people: {@code 850 ms}, {@code 12.3 s}, {@code 4m05s}, {@code 2h03m}. */
    /** A short interval: microseconds below a millisecond, else as {@link #duration}. */
    static String pause(long nanos) {
        return nanos < 1_000_000 ? nanos / 1_000 + " µs" : duration(nanos);
    }

    /** A byte count in B, KiB, MiB or GiB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String duration(long nanos) {
        long ms = nanos / 1_000_000;
        if (ms < 1_000) {
            return ms + " ms";
        } else if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1e3);
        }
        long s = ms / 1_000;
        if (s < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
    }

    /** A remaining time, whole seconds: {@code 7s}, {@code 4m05s}, {@code 2h03m}. */
    static String eta(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds > 359_999) {
            return "?";
        }
        long s = (long) Math.ceil(seconds);
        if (s < 60) {
            return s + "s";
        } else if (s < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
    }
}
