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

/** {@code sluice status <id>}: one job of the server: state, cause, checkpoints, its DAG. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows one job of a running 'sluice server'.")
final class StatusCommand implements Callable<Integer> {

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
        JsonNode j = server.get("/jobs/" + JobIds.check(id));
        PrintWriter out = spec.commandLine().getOut();
        if (raw) {
            out.println(server.json().writerWithDefaultPrettyPrinter().writeValueAsString(j));
            out.flush();
            return ExitCodes.OK;
        }
        out.println("id              " + j.path("id").asText());
        out.println("job             " + j.path("job").asText());
        out.println("state           " + j.path("state").asText());
        if (j.hasNonNull("cause")) {
            out.println("cause           " + j.path("cause").asText());
        }
        out.println("failures        " + j.path("failures").asInt());
        out.println("params          " + j.path("params"));
        out.println("records         " + Formats.count(j.path("sourceRecords").asLong()) + " read, "
                + Formats.count(j.path("sinkRecords").asLong()) + " written");
        JsonNode c = j.path("lastCheckpoint");
        out.println("last checkpoint " + (c.isObject() ? (c.path("savepoint").asBoolean() ? "savepoint " : "")
                + c.path("id").asLong() + " (" + c.path("path").asText() + ")" : "none"));
        if (j.hasNonNull("restoredFrom")) {
            out.println("restored from   " + j.path("restoredFrom").asText());
        }
        if (j.hasNonNull("lastSavepoint")) {
            out.println("last savepoint  " + j.path("lastSavepoint").asText());
        }
        out.println("plan");
        for (JsonNode v : j.path("plan").path("vertices")) {
            out.println("  vertex " + v.path("id").asInt() + " x" + v.path("parallelism").asInt() + ": " + v.path("name").asText());
        }
        for (JsonNode e : j.path("plan").path("edges")) {
            out.println("  " + e.path("from").asInt() + " -> " + e.path("to").asInt() + " (" + e.path("kind").asText() + ")");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
