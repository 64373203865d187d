package io.sluice.runtime.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link JobServer}. Immutable.
 *
 * @param bind               the address to listen on (loopback unless the user named another one)
 * @param port               the port (0: any free port)
 * @param stateDir           jobs, their jars and checkpoints, and the token
 * @param checkpointInterval time between two checkpoints of every job
 * @param restart            how failed jobs are restarted
 * @param workers            worker threads per job, or 0 for the engine's default (the available cores)
 * @param bindNamed          the user named {@code bind} explicitly ({@code --bind}): only then may it be an
 *                           address other machines can reach
 */
public record ServerConfig(InetAddress bind, int port, Path stateDir, Duration checkpointInterval,
                           RestartStrategy restart, int workers, boolean bindNamed) {

    /** The port of design.md §4. */
    public static final int DEFAULT_PORT = 8081;

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(restart, "restart");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (checkpointInterval.isZero() || checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("the checkpoint interval must be positive");
        }
        if (!bind.isLoopbackAddress() && !bindNamed) {
            throw new IllegalArgumentException("refusing to listen on " + bind.getHostAddress()
                    + ", which other machines can reach: name it explicitly (--bind " + bind.getHostAddress() + ")");
        }
    }

    /** Whether other machines can reach the server. */
    public boolean reachableFromOtherMachines() {
        return !bind.isLoopbackAddress();
    }

    /** 127.0.0.1:8081, checkpoints every 10 s, three failures 1 s apart (doubling up to 30 s). */
    public static ServerConfig defaults(Path stateDir) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), DEFAULT_PORT, stateDir, Duration.ofSeconds(10),
                RestartStrategy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30), 3), 0, false);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bind, newPort, stateDir, checkpointInterval, restart, workers, bindNamed);
    }

    /** Listens on {@code address}, which the user named explicitly (so it may be reachable from other machines). */
    public ServerConfig withNamedBind(InetAddress address) {
        return new ServerConfig(address, port, stateDir, checkpointInterval, restart, workers, true);
    }

    public ServerConfig withCheckpointInterval(Duration interval) {
        return new ServerConfig(bind, port, stateDir, interval, restart, workers, bindNamed);
    }

    public ServerConfig withRestart(RestartStrategy strategy) {
        return new ServerConfig(bind, port, stateDir, checkpointInterval, strategy, workers, bindNamed);
    }

    public ServerConfig withWorkers(int n) {
        return new ServerConfig(bind, port, stateDir, checkpointInterval, restart, n, bindNamed);
    }
}
