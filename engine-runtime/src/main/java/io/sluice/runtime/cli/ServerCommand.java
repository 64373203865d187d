package io.sluice.runtime.cli;

import io.sluice.api.connector.Durations;
import io.sluice.runtime.server.JobServer;
import io.sluice.runtime.server.RestartStrategy;
import io.sluice.runtime.server.ServerConfig;
import io.sluice.runtime.server.ServerToken;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice server}: runs the job server (REST API, metrics, dashboard) until Ctrl-C or SIGTERM. Jobs that
 * run when it stops (or dies) resume from their newest checkpoint when it starts again.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the job server: a long-running engine with the REST API, /metrics and the dashboard.",
                "Listens on 127.0.0.1 only, unless --bind names another address. On first start it creates "
                        + "the API token in <state-dir>/token (readable by you only) and prints it once."})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "The address to listen on (default: 127.0.0.1). Another one is reachable from other machines: the server warns.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8081", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Jobs, their jars and checkpoints, and the token (default: $SLUICE_STATE_DIR or ~/.sluice).")
    Path stateDir;

    @Option(names = "--checkpoint-interval", paramLabel = "DUR", defaultValue = "10s",
            description = "Time between checkpoints of every job (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--restart-strategy", paramLabel = "fixed|exponential", defaultValue = "exponential",
            description = "Delays between restarts of a failed job: fixed, or doubling up to --restart-max-delay (default: ${DEFAULT-VALUE}).")
    String restartStrategy;

    @Option(names = "--restart-delay", paramLabel = "DUR", defaultValue = "1s",
            description = "The delay before the first restart (default: ${DEFAULT-VALUE}).")
    String restartDelay;

    @Option(names = "--restart-max-delay", paramLabel = "DUR", defaultValue = "30s",
            description = "The longest delay (exponential; default: ${DEFAULT-VALUE}).")
    String restartMaxDelay;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "3",
            description = "Failures after which a job stays FAILED (default: ${DEFAULT-VALUE}; 1: never restart).")
    int maxFailures;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker threads per job (default: the number of available cores).")
    Integer workers;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config();
        PrintWriter err = spec.commandLine().getErr();
        if (config.reachableFromOtherMachines()) {
            err.println("sluice server: WARNING: listening on " + config.bind().getHostAddress()
                    + ", which other machines can reach; anyone who has the token can run code here");
            err.flush();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        JobServer server = JobServer.start(config);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sluice-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String url = "http://" + hostForUrl(server.address().getAddress()) + ":" + server.address().getPort();
        err.println("sluice server: listening on " + url + " (state in " + config.stateDir().toAbsolutePath() + ")");
        if (server.token().created()) {
            // Printed this once only; later starts read it from the file.
            PrintWriter out = spec.commandLine().getOut();
            out.println("token: " + server.token().value());
            out.flush();
            err.println("sluice server: the token above is also in " + config.stateDir().resolve(ServerToken.FILE)
                    + " (readable by you only); clients take it from --token, SLUICE_TOKEN or that file");
        }
        err.println("sluice server: dashboard: run 'sluice dashboard' for a login URL; Ctrl-C stops the server");
        err.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private ServerConfig config() {
        Path dir = stateDir != null ? stateDir : StateDirs.defaultStateDir();
        ServerConfig config = ServerConfig.defaults(dir).withPort(port)
                .withCheckpointInterval(positive("--checkpoint-interval", checkpointInterval))
                .withRestart(restart());
        if (bind != null) {
            try {
                config = config.withNamedBind(InetAddress.getByName(bind));
            } catch (UnknownHostException e) {
                throw new UsageException("--bind: unknown address '" + bind + "'");
            }
        }
        if (workers != null) {
            if (workers < 1) {
                throw new UsageException("--workers must be at least 1, got " + workers);
            }
            config = config.withWorkers(workers);
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, got " + port);
        }
        return config;
    }

    private RestartStrategy restart() {
        if (maxFailures < 1) {
            throw new UsageException("--max-failures must be at least 1, got " + maxFailures);
        }
        Duration delay = duration("--restart-delay", restartDelay);
        return switch (restartStrategy.toLowerCase(java.util.Locale.ROOT)) {
            case "fixed" -> RestartStrategy.fixedDelay(delay, maxFailures);
            case "exponential" -> RestartStrategy.exponential(delay, duration("--restart-max-delay", restartMaxDelay), maxFailures);
            default -> throw new UsageException("--restart-strategy must be fixed or exponential, got '" + restartStrategy + "'");
        };
    }

    private static Duration positive(String option, String text) {
        Duration d = duration(option, text);
        if (d.isZero()) {
            throw new UsageException(option + " must be positive");
        }
        return d;
    }

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static String hostForUrl(InetAddress address) {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
