package io.sluice.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Small helpers the runners share: medians, number formats, the machine's load average, the forks' class path. */
public final class Stats {

    private static String forkClassPath;

    private Stats() {
    }

    /**
     * The class path for forked JVMs: when this JVM runs from one jar, a private copy of it (deleted on exit), so
     * that a rebuild of {@code benchmarks.jar} while the runner works (others build on this machine too) cannot
     * hand a half-written jar to a fork.
     */
    public static synchronized String forkClassPath() throws IOException {
        if (forkClassPath == null) {
            String cp = System.getProperty("java.class.path");
            Path jar = Path.of(cp);
            if (cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator) && Files.isRegularFile(jar)) {
                Path copy = Files.createTempFile("sluice-benchmarks-", ".jar");
                copy.toFile().deleteOnExit();
                Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                cp = copy.toString();
            }
            forkClassPath = cp;
        }
        return forkClassPath;
    }

    /** The median; of an even count, the lower middle value (a value that was measured, not a mean of two). */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** {@code 12.3 M}, {@code 850 k}. */
    public static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f k", perSecond / 1e3);
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A JSON string literal. */
    public static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
