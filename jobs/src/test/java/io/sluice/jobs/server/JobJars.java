package io.sluice.jobs.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real job jar in a test: compiles {@code fixture.TaggedCopy} (the job {@code tagged-copy}: copies
 * every line of {@code -p source} to {@code -p sink}, each prefixed by {@code fixture.Tag.PREFIX}) with the
 * JDK's compiler against the engine API, and packs it with its service file. Two jars with different
 * prefixes hold classes of the same names: only separate class loaders keep their jobs apart.
 */
final class JobJars {

    private JobJars() {
    }

    static Path taggedCopy(Path dir, String prefix) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/fixture"));
        Files.writeString(src.resolve("TaggedCopy.java"), """
                package fixture;

                import io.sluice.api.JobParams;
                import io.sluice.api.Pipeline;
                import io.sluice.api.StreamJob;
                import io.sluice.api.codec.Codecs;

                public final class TaggedCopy implements StreamJob {
                    public String name() {
                        return "tagged-copy";
                    }

                    public void define(Pipeline p, JobParams params) {
                        p.source(params.source("source", Codecs.strings()))
                         .map(line -> Tag.PREFIX + line).named("tag")
                         .sink(params.sink("sink", Codecs.strings()));
                    }
                }
                """);
        Files.writeString(src.resolve("Tag.java"), "package fixture;\n\nfinal class Tag {\n    static final String PREFIX = \""
                + prefix + "\";\n}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("TaggedCopy.java").toString(), src.resolve("Tag.java").toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed: " + rc);
        }
        Path jar = dir.resolve("tagged-copy.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            write(out, "META-INF/services/io.sluice.api.StreamJob", "fixture.TaggedCopy\n");
        }
        return jar;
    }

    private static void write(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
