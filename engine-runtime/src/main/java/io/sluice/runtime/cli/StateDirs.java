package io.sluice.runtime.cli;

import java.nio.file.Path;

/** Where {@code sluice server} keeps its state unless told otherwise: {@code $SLUICE_STATE_DIR}, else {@code ~/.sluice}. */
final class StateDirs {

    private StateDirs() {
    }

    static Path defaultStateDir() {
        String env = System.getenv("SLUICE_STATE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".sluice");
    }
}
