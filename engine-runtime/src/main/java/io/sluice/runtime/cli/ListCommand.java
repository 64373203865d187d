package io.sluice.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice list}: the server's jobs, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the jobs of a running 'sluice server'.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        JsonNode jobs = client.client().get("/jobs");
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-16s  %-22s  %-10s  %12s  %10s  %8s%n", "ID", "JOB", "STATE", "RECORDS/S", "P99 MS", "FAILURES");
        for (JsonNode j : jobs) {
            out.printf("%-16s  %-22s  %-10s  %12s  %10s  %8d%n", j.path("id").asText(), j.path("job").asText(),
                    j.path("state").asText(), Formats.count(Math.round(j.path("throughput").asDouble())),
                    String.format("%.2f", j.path("latency").path("p99Ms").asDouble()), j.path("failures").asInt());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
