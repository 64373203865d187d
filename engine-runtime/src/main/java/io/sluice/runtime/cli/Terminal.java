package io.sluice.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stdout and stderr are terminals. On Linux each descriptor is checked by where
 * {@code /proc/self/fd/N} points, so {@code sluice run ... > out.jsonl} still gets a progress line on a
 * terminal stderr; elsewhere {@link System#console()} (stdin and stdout both terminals) is the proxy.
 */
final class Terminal {

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    private static boolean isTerminal(int fd) {
        String target = target(fd);
        if (target == null) {
            return System.console() != null;
        }
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    private static String target(int fd) {
        try {
            Path link = Path.of("/proc/self/fd/" + fd);
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
