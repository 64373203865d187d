package io.sluice.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sluice dashboard}: prints a one-time login URL for the server's dashboard. Opening it in a browser
 * (once, within a minute) gives that browser a read-only session cookie; the token itself never reaches the
 * browser.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Prints a one-time URL that logs a browser into the dashboard of a running 'sluice server' (valid once, for a minute).")
final class DashboardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        ServerClient server = client.client();
        JsonNode login = server.post("/dashboard/logins", server.json().createObjectNode());
        spec.commandLine().getOut().println(server.base().resolve(login.path("path").asText()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
