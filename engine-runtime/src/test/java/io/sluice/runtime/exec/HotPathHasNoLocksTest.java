package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the data-path rule: the packages that run records (exec, op, state, window, join) use no locks, no
 * {@code synchronized}, no blocking queues and no sleeping or waiting. Idle workers park only inside the
 * idle strategy, which is the one allowed exception.
 */
class HotPathHasNoLocksTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\bsynchronized\\b|ReentrantLock|ReadWriteLock|StampedLock|\\.wait\\(|\\.notify(All)?\\(|BlockingQueue"
                    + "|Thread\\.sleep|CountDownLatch|Semaphore|LockSupport\\.park");
    private static final List<String> HOT_PACKAGES = List.of("exec", "op", "state", "window", "process", "join");
    private static final List<String> ALLOWED = List.of("BackoffIdleStrategy.java");

    @Test
    void dataPathPackagesUseNoLocksOrBlockingCalls() throws IOException {
        Path root = Path.of("src/main/java/io/sluice/runtime");
        assertThat(root).isDirectory();
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        for (String pkg : HOT_PACKAGES) {
            try (Stream<Path> files = Files.walk(root.resolve(pkg))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    if (ALLOWED.contains(f.getFileName().toString())) {
                        continue;
                    }
                    scanned++;
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = lines.get(i).replaceAll("//.*", "");
                        if (!code.trim().startsWith("*") && FORBIDDEN.matcher(code).find()) {
                            violations.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("files scanned").isGreaterThan(10);
        assertThat(violations).isEmpty();
    }
}
