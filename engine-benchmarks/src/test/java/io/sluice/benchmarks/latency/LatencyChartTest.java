package io.sluice.benchmarks.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyChartTest {

    @TempDir
    Path dir;

    @Test
    void percentileAxisLabels() {
        assertThat(List.of(LatencyChart.percentLabel(0), LatencyChart.percentLabel(1), LatencyChart.percentLabel(2),
                LatencyChart.percentLabel(3), LatencyChart.percentLabel(5)))
                .containsExactly("0%", "90%", "99%", "99.9%", "99.999%");
        assertThat(LatencyChart.x(0.99)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void readsWhatHdrHistogramWritesAndDrawsIt() throws Exception {
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (int i = 1; i <= 10_000; i++) {
            h.recordValue(i * 1_000L); // 1 µs .. 10 ms
        }
        Path hgrm = dir.resolve("x.hgrm");
        try (PrintStream out = new PrintStream(Files.newOutputStream(hgrm), false, StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(out, 1_000_000.0);
        }
        List<double[]> points = LatencyChart.readHgrm(hgrm);
        assertThat(points).isNotEmpty();
        double[] last = points.get(points.size() - 1);
        assertThat(last[0]).isLessThan(1.0); // the percentile-1 row is left out
        assertThat(last[1]).isBetween(9.0, 10.1); // ms
        Path svg = dir.resolve("x.svg");
        LatencyChart.write(svg, "t <&>", List.of(new LatencyChart.Series("a", points)),
                List.of(new LatencyChart.Target(0.99, 1)));
        String text = Files.readString(svg);
        assertThat(text).startsWith("<svg").contains("t &lt;&amp;&gt;").contains("<polyline").endsWith("</svg>\n");
    }
}
