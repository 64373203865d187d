package io.sluice.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice metrics <id>}: a server job's metrics (design.md §9): per job, then per operator. */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "Shows the metrics of a job of a running 'sluice server'.")
final class MetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<id>", description = "The job id ('sluice list').")
    String id;

    @Option(names = "--json", description = "Print the server's JSON answer as it is.")
    boolean raw;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws Exception {
        ServerClient server = client.client();
        JsonNode m = server.get("/jobs/" + JobIds.check(id) + "/metrics");
        PrintWriter out = spec.commandLine().getOut();
        if (raw) {
            out.println(server.json().writerWithDefaultPrettyPrinter().writeValueAsString(m));
            out.flush();
            return ExitCodes.OK;
        }
        JsonNode lat = m.path("latency").path("last10s");
        out.printf("%s (%s) %s: %s records/s, %s read, %s written, %d errors%n", m.path("job").asText(), m.path("id").asText(),
                m.path("state").asText(), Formats.count(Math.round(m.path("throughput").asDouble())),
                Formats.count(m.path("sourceRecords").asLong()), Formats.count(m.path("sinkRecords").asLong()),
                m.path("errors").asInt());
        out.printf("latency (last 10 s): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (%d samples)%n",
                lat.path("p50Ms").asDouble(), lat.path("p99Ms").asDouble(), lat.path("p999Ms").asDouble(),
                lat.path("maxMs").asDouble(), lat.path("samples").asLong());
        JsonNode c = m.path("lastCheckpoint");
        if (c.isObject()) {
            out.printf("last checkpoint: %d, %.1f ms, %s%n", c.path("id").asLong(), c.path("durationMs").asDouble(),
                    Formats.bytes(c.path("bytes").asLong()));
        }
        out.printf("%-6s  %-28s  %-10s  %14s  %14s  %12s  %6s  %6s  %8s  %12s%n", "VERTEX", "OPERATOR", "KIND", "IN", "OUT",
                "RECORDS/S", "LATE", "ERRORS", "BACKPR.", "WM LAG MS");
        for (JsonNode o : m.path("operators")) {
            out.printf("%-6d  %-28s  %-10s  %14s  %14s  %12s  %6d  %6d  %7.0f%%  %12s%n", o.path("vertex").asInt(),
                    o.path("name").asText(), o.path("kind").asText(), Formats.count(o.path("recordsIn").asLong()),
                    Formats.count(o.path("recordsOut").asLong()), Formats.count(Math.round(o.path("recordsPerSecond").asDouble())),
                    o.path("lateRecords").asLong(), o.path("errors").asLong(), o.path("backpressure").asDouble() * 100,
                    o.hasNonNull("watermarkLagMs") ? Formats.count(o.path("watermarkLagMs").asLong()) : "-");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
