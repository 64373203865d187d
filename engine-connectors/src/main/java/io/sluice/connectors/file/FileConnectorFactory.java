package io.sluice.connectors.file;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorFactory;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.Source;
import io.sluice.connectors.dlq.BadRecords;
import io.sluice.connectors.dlq.ErrorPolicy;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code file:} scheme: JSON lines files. {@code file:/abs/events.jsonl}, {@code file:///abs/events.jsonl}
 * or {@code file:relative/events.jsonl} (relative to the working directory). As a source it takes
 * {@code onError=fail|skip|dlq} and {@code dlq=URI} for lines that cannot be decoded (default: fail the job naming
 * {@code <file>:<line>}); as a sink, no parameters.
 *
 * <ul>
 *   <li>As a source: the file, or every {@code *.jsonl} file of a directory (one split each, in name order);
 *       ends at the end of the files. A missing or unreadable file is reported here, when the job is
 *       defined.</li>
 *   <li>As a sink: one file, truncated when the job starts; parent directories are created.</li>
 * </ul>
 *
 * Stateless; thread-safe.
 */
public final class FileConnectorFactory implements ConnectorFactory {

    /** Public for {@link java.util.ServiceLoader}. */
    public FileConnectorFactory() {
    }

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public <T> Source<T> createSource(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        uri.requireOnly(ErrorPolicy.ON_ERROR, ErrorPolicy.DLQ_URI);
        Path path = resolve(uri);
        String name = BadRecords.sourceName(uri);
        return new FileSource<>(name, sourceFiles(uri, path), codec, BadRecords.of(uri, name));
    }

    @Override
    public <T> Sink<T> createSink(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        uri.requireOnly();
        Path path = resolve(uri);
        if (Files.isDirectory(path)) {
            throw new BadInputException("connector URI '" + uri + "': " + path + " is a directory, not a file");
        }
        Path ancestor = path.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor != null && !Files.isDirectory(ancestor)) {
            throw new BadInputException("connector URI '" + uri + "': cannot create " + path + " because " + ancestor
                    + " is not a directory");
        }
        return new FileSink<>(uri.raw(), path, codec);
    }

    /** The absolute, normalised path a URI names. */
    static Path resolve(ConnectorUri uri) {
        String body = uri.body();
        if (body.startsWith("//")) {
            if (!body.startsWith("///")) {
                throw new BadInputException("connector URI '" + uri + "': file URIs with a host are not supported"
                        + " (write file:/path or file:///path)");
            }
            body = body.substring(2);
        }
        if (body.isEmpty()) {
            throw new BadInputException("connector URI '" + uri + "': no path (write e.g. file:/tmp/events.jsonl)");
        }
        try {
            return Path.of(body).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadInputException("connector URI '" + uri + "': invalid path: " + e.getMessage(), e);
        }
    }

    private static List<Path> sourceFiles(ConnectorUri uri, Path path) {
        if (Files.isDirectory(path)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.jsonl")) {
                for (Path file : dir) {
                    if (Files.isRegularFile(file)) {
                        files.add(checkReadable(uri, file));
                    }
                }
            } catch (IOException e) {
                throw new BadInputException("connector URI '" + uri + "': cannot list " + path + ": " + reason(e), e);
            }
            if (files.isEmpty()) {
                throw new BadInputException("connector URI '" + uri + "': directory " + path + " has no *.jsonl files");
            }
            files.sort(null);
            return files;
        }
        if (!Files.exists(path)) {
            throw new BadInputException("connector URI '" + uri + "': no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("connector URI '" + uri + "': " + path + " is not a regular file");
        }
        return List.of(checkReadable(uri, path));
    }

    private static Path checkReadable(ConnectorUri uri, Path file) {
        if (!Files.isReadable(file)) {
            throw new BadInputException("connector URI '" + uri + "': cannot read " + file + " (permission denied)");
        }
        return file;
    }

    /** A one-line reason for an I/O failure. */
    static String reason(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null ? kind : kind + ": " + message.lines().findFirst().orElse("");
    }
}
