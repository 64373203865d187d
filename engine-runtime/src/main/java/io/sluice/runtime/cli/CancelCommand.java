package io.sluice.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice cancel <id>}: stops a job of the server (output since its last checkpoint is not committed). */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancels a job of a running 'sluice server'.",
                "To stop it where it can be resumed from, use 'sluice savepoint <id> --stop' instead."})
final class CancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<id>", description = "The job id ('sluice list').")
    String id;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        JsonNode j = client.client().delete("/jobs/" + JobIds.check(id));
        spec.commandLine().getOut().println(j.path("id").asText() + " " + j.path("state").asText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
