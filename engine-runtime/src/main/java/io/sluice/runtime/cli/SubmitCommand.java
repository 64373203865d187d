package io.sluice.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice submit <job> [-p k=v]... [--jar PATH]}: submits a job to a server and prints its id. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submits a job to a running 'sluice server' and prints its id.",
                "The job is one on the server's class path ('sluice jobs'), or one in --jar, which is uploaded."})
final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<job>", description = "The job's name.")
    String job;

    @Option(names = {"-p", "--param"}, paramLabel = "name=value", description = "A job parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--parallelism", paramLabel = "N", description = "Instances of every stage that sets none (default: the server's cores).")
    Integer parallelism;

    @Option(names = "--jar", paramLabel = "PATH", description = "A jar with the job (listed in META-INF/services/io.sluice.api.StreamJob).")
    Path jar;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() throws IOException {
        ServerClient server = client.client();
        ObjectNode body = server.json().createObjectNode();
        body.put("job", job);
        ObjectNode p = body.putObject("params");
        params.forEach(p::put);
        if (parallelism != null) {
            body.put("parallelism", parallelism);
        }
        if (jar != null) {
            if (!Files.isRegularFile(jar)) {
                throw new UsageException("--jar: no such file: " + jar);
            }
            body.put("jar", Base64.getEncoder().encodeToString(Files.readAllBytes(jar)));
        }
        JsonNode submitted = server.post("/jobs", body);
        spec.commandLine().getOut().println(submitted.path("id").asText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
