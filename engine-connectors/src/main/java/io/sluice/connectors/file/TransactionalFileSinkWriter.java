package io.sluice.connectors.file;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.TwoPhaseCommitSinkWriter;
import io.sluice.connectors.io.LineWriter;
import io.sluice.connectors.io.UnsyncBufferedOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The exactly-once {@code file:} writer, used when the job takes checkpoints. Lines go to an in-progress part
 * file in {@code <target>.staging/}; at checkpoint barrier {@code n} the part is fsynced and renamed to
 * {@code part-<n>} (the committable is {@code n}); when checkpoint {@code n} completes the part is appended to
 * the target. The commit log {@code <target>.committed} (replaced atomically) records the last committed
 * checkpoint and the target's length after it, which makes commits idempotent and crash-safe:
 * <ul>
 *   <li>a commit of {@code n} at or below the logged checkpoint does nothing (it happened);</li>
 *   <li>otherwise the target is first truncated to the logged length, which removes what a commit torn by a
 *   crash may have appended, then the part is appended, the target fsynced, the log replaced, the part
 *   deleted.</li>
 * </ul>
 * So the target only ever holds the output of complete checkpoints, once each, in order: no duplicate, no
 * hole. A fresh start (not restored) truncates the target and clears the staging directory; a restored start
 * truncates the target to the logged length and keeps the staged parts the restore will commit.
 *
 * <p>Owned by one worker thread (the sink has a single instance).
 *
 * @param <T> the record type
 */
final class TransactionalFileSinkWriter<T> implements TwoPhaseCommitSinkWriter<T, Long> {

    private final Path target;
    private final Path staging;
    private final Path commitLog;
    private final Codec<T> codec;
    private LineWriter<T> current;
    private Path currentPath;

    TransactionalFileSinkWriter(Path target, Codec<T> codec, boolean restored) throws IOException {
        this.target = target.toAbsolutePath();
        this.staging = Path.of(this.target + ".staging");
        this.commitLog = Path.of(this.target + ".committed");
        this.codec = codec;
        Path parent = this.target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createDirectories(staging);
        deleteParts(p -> p.getFileName().toString().endsWith(".inprogress"));
        if (restored) {
            truncateTarget(readLog().length());
        } else {
            deleteParts(p -> true);
            truncateTarget(0);
            writeLog(new Log(-1, 0));
        }
    }

    private record Log(long checkpointId, long length) {
    }

    @Override
    public void write(T record) throws IOException {
        if (current == null) {
            currentPath = staging.resolve("part-" + System.nanoTime() + ".inprogress");
            current = new LineWriter<>(codec, new UnsyncBufferedOutputStream(Files.newOutputStream(currentPath,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FileSinkWriter.BUFFER_SIZE, true));
        }
        current.write(record);
    }

    @Override
    public void flush() throws IOException {
        if (current != null) {
            current.flush();
        }
    }

    @Override
    public Long preCommit(long checkpointId) throws IOException {
        Path part = partOf(checkpointId);
        if (current == null) {
            Files.write(part, new byte[0]); // an empty transaction is still explicit
        } else {
            current.close();
            force(currentPath);
            Files.move(currentPath, part, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            current = null;
        }
        return checkpointId;
    }

    @Override
    public void commit(Long checkpointId) throws IOException {
        Log log = readLog();
        Path part = partOf(checkpointId);
        if (checkpointId <= log.checkpointId()) {
            Files.deleteIfExists(part); // committed before a crash; only the cleanup was missing
            return;
        }
        if (!Files.exists(part)) {
            throw new IOException("the output staged for checkpoint " + checkpointId + " is missing: " + part);
        }
        long length;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE);
             FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            out.truncate(log.length()); // undo what a torn commit appended
            long position = log.length();
            long size = in.size();
            long copied = 0;
            while (copied < size) {
                copied += in.transferTo(copied, size - copied, out.position(position + copied));
            }
            out.force(true);
            length = position + size;
        }
        writeLog(new Log(checkpointId, length));
        Files.delete(part);
        // parts of older checkpoints that no one will commit: leftovers of a run that crashed
        deleteParts(p -> p.getFileName().toString().startsWith("part-") && !p.getFileName().toString().endsWith(".inprogress")
                && idOf(p) < checkpointId);
    }

    @Override
    public void abort(Long checkpointId) throws IOException {
        Files.deleteIfExists(partOf(checkpointId));
    }

    @Override
    public Codec<Long> committableCodec() {
        return Codecs.longs();
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close(); // an unfinished transaction stays in progress; a later start deletes it
            current = null;
        }
    }

    private Path partOf(long checkpointId) {
        return staging.resolve("part-" + checkpointId);
    }

    private static long idOf(Path part) {
        try {
            return Long.parseLong(part.getFileName().toString().substring("part-".length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private Log readLog() throws IOException {
        if (!Files.exists(commitLog)) {
            return new Log(-1, 0);
        }
        String[] fields = Files.readString(commitLog, StandardCharsets.UTF_8).trim().split(" ");
        try {
            return new Log(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        } catch (RuntimeException e) {
            throw new IOException("commit log " + commitLog + " is unreadable", e);
        }
    }

    private void writeLog(Log log) throws IOException {
        Path tmp = Path.of(commitLog + ".tmp");
        Files.writeString(tmp, log.checkpointId() + " " + log.length() + "\n", StandardCharsets.UTF_8);
        force(tmp);
        Files.move(tmp, commitLog, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void truncateTarget(long length) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (out.size() > length) {
                out.truncate(length);
                out.force(true);
            }
        }
    }

    private void deleteParts(java.util.function.Predicate<Path> which) throws IOException {
        try (Stream<Path> parts = Files.list(staging)) {
            for (Path p : parts.filter(which).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }
}
