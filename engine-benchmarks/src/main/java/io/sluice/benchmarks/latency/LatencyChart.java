package io.sluice.benchmarks.latency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws latency by percentile as an SVG, from HdrHistogram percentile distributions ({@code .hgrm} files, values
 * in milliseconds), like HdrHistogram's own plots: the percentile axis is logarithmic in {@code 1/(1-p)}, so 90 %,
 * 99 %, 99.9 % ... are evenly spaced; the latency axis is logarithmic too, so that 10 µs and 10 ms both read. One
 * line per distribution, and the targets as a grey dashed step.
 */
public final class LatencyChart {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 45;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One line: a label and its (percentile, milliseconds) points. */
    public record Series(String label, List<double[]> points) {
    }

    /** A target: at most {@code millis} at {@code percentile}. */
    public record Target(double percentile, double millis) {
    }

    private LatencyChart() {
    }

    /**
     * The points of an {@code .hgrm} file: value (ms) and percentile (0–1) of every row, without the last row
     * (percentile 1, which a log axis cannot place).
     */
    public static List<double[]> readHgrm(Path file) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4 || line.startsWith("#") || f[3].equals("Infinity") || f[3].equals("1/(1-Percentile)")) {
                continue;
            }
            try {
                points.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[0])});
            } catch (NumberFormatException e) {
                // the header line
            }
        }
        return points;
    }

    /** Writes the chart of {@code series} with {@code title} to {@code file}. */
    public static void write(Path file, String title, List<Series> series, List<Target> targets) throws IOException {
        double maxX = 4; // at least to 99.99 %
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (double[] pt : s.points()) {
                maxX = Math.max(maxX, x(pt[0]));
                if (pt[1] > 0) {
                    minY = Math.min(minY, pt[1]);
                }
                maxY = Math.max(maxY, pt[1]);
            }
        }
        for (Target t : targets) {
            maxY = Math.max(maxY, t.millis());
        }
        maxX = Math.ceil(maxX);
        double lo = Math.floor(Math.log10(Math.min(minY == Double.MAX_VALUE ? 0.01 : minY, 0.1)));
        double hi = Math.floor(Math.log10(Math.max(maxY, 1))) + 1; // a decade of room above the highest point
        if (hi <= lo) {
            hi = lo + 1;
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        // grid and axes
        for (int d = 0; d <= maxX; d++) {
            double px = LEFT + plotW * d / maxX;
            svg.append(line(px, TOP, px, TOP + plotH, "#ddd", 1, null));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    px, TOP + plotH + 18, percentLabel(d)));
        }
        for (int e = (int) lo; e <= hi; e++) {
            double py = TOP + plotH * (1 - (e - lo) / (hi - lo));
            svg.append(line(LEFT, py, LEFT + plotW, py, "#ddd", 1, null));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, py + 4, millisLabel(Math.pow(10, e))));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", LEFT, TOP, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                LEFT + plotW / 2, HEIGHT - 10));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%.1f) rotate(-90)\" "
                + "text-anchor=\"middle\">latency</text>%n", TOP + plotH / 2));
        // targets: a step from the left edge through each (percentile, ms) point
        if (!targets.isEmpty()) {
            StringBuilder pts = new StringBuilder();
            double prevX = 0;
            for (Target t : targets) {
                double py = y(t.millis(), lo, hi, plotH);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", LEFT + plotW * prevX / maxX, py,
                        LEFT + plotW * x(t.percentile()) / maxX, py));
                prevX = x(t.percentile());
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"#888\" "
                    + "stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>%n", pts.toString().trim()));
        }
        for (int i = 0; i < series.size(); i++) {
            StringBuilder pts = new StringBuilder();
            for (double[] pt : series.get(i).points()) {
                double px = LEFT + plotW * Math.min(x(pt[0]), maxX) / maxX;
                double py = y(Math.max(pt[1], Math.pow(10, lo)), lo, hi, plotH);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", pts.toString().trim(), COLORS[i % COLORS.length]));
        }
        // legend, bottom right: latency only grows with the percentile, so no line passes there
        int entries = series.size() + (targets.isEmpty() ? 0 : 1);
        int lx = (int) (LEFT + plotW - 190);
        int ly = (int) (TOP + plotH - 12 - 18 * (entries - 1));
        for (int i = 0; i < series.size(); i++) {
            svg.append(line(lx, ly - 4, lx + 24, ly - 4, COLORS[i % COLORS.length], 2, null));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 30, ly,
                    escape(series.get(i).label())));
            ly += 18;
        }
        if (!targets.isEmpty()) {
            svg.append(line(lx, ly - 4, lx + 24, ly - 4, "#888", 1.5, "6,4"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">target</text>%n", lx + 30, ly));
        }
        svg.append("</svg>\n");
        Files.writeString(file, svg.toString(), StandardCharsets.UTF_8);
    }

    /** The horizontal position of a percentile (0–1): {@code log10(1 / (1 - p))}. */
    static double x(double percentile) {
        return Math.log10(1 / (1 - Math.min(percentile, 1 - 1e-12)));
    }

    private static double y(double millis, double lo, double hi, double plotH) {
        return TOP + plotH * (1 - (Math.log10(millis) - lo) / (hi - lo));
    }

    /** 0%, 90%, 99%, 99.9%, 99.99% ... for decades 0, 1, 2, 3, 4 ... of {@code 1/(1-p)}. */
    static String percentLabel(int decade) {
        if (decade == 0) {
            return "0%";
        }
        if (decade == 1) {
            return "90%";
        }
        return "99" + (decade > 2 ? "." + "9".repeat(decade - 2) : "") + "%";
    }

    static String millisLabel(double ms) {
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.0f µs", ms * 1000);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.0f s", ms / 1000);
    }

    private static String line(double x1, double y1, double x2, double y2, String color, double width, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"%s/>%n", x1, y1, x2, y2, color, width,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
