package io.sluice.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice savepoint <id> [--stop]}: takes a savepoint of a server job, prints where it is. */
@Command(name = "savepoint", mixinStandardHelpOptions = true,
        description = "Takes a savepoint of a job of a running 'sluice server' and prints its directory once it is durable.")
final class SavepointCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<id>", description = "The job id ('sluice list').")
    String id;

    @Option(names = "--stop", description = "Then stop the job (state STOPPED).")
    boolean stop;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        ServerClient server = client.client();
        ObjectNode body = server.json().createObjectNode();
        body.put("stop", stop);
        JsonNode sp = server.post("/jobs/" + JobIds.check(id) + "/savepoints", body);
        spec.commandLine().getOut().println(sp.path("path").asText());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("sluice: savepoint " + sp.path("id").asLong() + " of job " + id
                + (stop ? ", job " + sp.path("state").asText() : ""));
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
