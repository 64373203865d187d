package io.sluice.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a JMH JSON result file ({@code -rf json -rff FILE}) as a Markdown table of medians: per benchmark (and
 * parameter set) the median, minimum and maximum of its measurement iterations (one operation is one event in
 * every benchmark here). JMH's own summary shows the mean and an error bar, which a single slow iteration on a
 * shared machine drags; the median does not.
 *
 * <pre>
 * java -jar engine-benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 -rf json -rff /tmp/jmh.json
 * java -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.JmhMedians /tmp/jmh.json
 * </pre>
 */
public final class JmhMedians {

    private JmhMedians() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: JmhMedians <jmh-result.json>");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        System.out.println("| benchmark | params | median | min – max | unit |");
        System.out.println("|---|---|---|---|---|");
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            List<String> params = new ArrayList<>();
            JsonNode p = r.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.add(e.getKey() + "=" + e.getValue().asText());
                }
            }
            JsonNode metric = r.get("primaryMetric");
            List<Double> values = new ArrayList<>();
            for (JsonNode fork : metric.get("rawData")) {
                for (JsonNode v : fork) {
                    values.add(v.asDouble());
                }
            }
            values.sort(Double::compare);
            double median = values.get((values.size() - 1) / 2);
            String unit = metric.get("scoreUnit").asText();
            boolean perSecond = unit.endsWith("/s");
            System.out.printf(Locale.ROOT, "| `%s` | %s | **%s** | %s – %s | %s |%n", name, String.join(", ", params),
                    format(median, perSecond), format(values.get(0), perSecond),
                    format(values.get(values.size() - 1), perSecond), perSecond ? "events/s" : unit.replace("/op", "/event"));
        }
    }

    private static String format(double v, boolean perSecond) {
        if (perSecond) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
