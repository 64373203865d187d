package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.StateSnapshot;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Checkpoints on disk: {@code <dir>/chk-<id>/} (or {@code sp-<id>/} for savepoints) holds one snapshot file per
 * tasklet ({@link SnapshotFileFormat}) and the {@link Manifest}, written last (temp file, fsync, atomic rename,
 * fsync of the directory). Keeps the newest {@code retained} complete checkpoints and deletes older ones and
 * incomplete leftovers; savepoints are the user's and are never deleted. Used by the coordinator thread only.
 */
public final class CheckpointStorage {

    private final Path root;
    private final int retained;

    public CheckpointStorage(Path root, int retained) throws IOException {
        if (retained < 1) {
            throw new IllegalArgumentException("retained must be >= 1");
        }
        this.root = root;
        this.retained = retained;
        Files.createDirectories(root);
    }

    public Path root() {
        return root;
    }

    /** Writes checkpoint {@code id}; returns the bytes written. It exists once this returns. */
    public long write(long id, boolean savepoint, String jobName, Collection<TaskletSnapshot> snapshots) throws IOException {
        Path dir = root.resolve((savepoint ? "sp-" : "chk-") + id);
        Files.createDirectories(dir);
        List<Manifest.FileEntry> files = new ArrayList<>();
        long bytes = 0;
        for (TaskletSnapshot s : snapshots) {
            String name = "t-" + s.tasklet() + ".snap";
            Path file = dir.resolve(name);
            CRC32C crc = new CRC32C();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream raw = java.nio.channels.Channels.newOutputStream(channel);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
                SnapshotFileFormat.write(s, id, out);
                out.flush();
                channel.force(true);
            }
            long size = Files.size(file);
            bytes += size;
            files.add(new Manifest.FileEntry(name, size, crc.getValue()));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, jobName, id, savepoint, System.currentTimeMillis(), files);
        Path tmp = dir.resolve(Manifest.FILE_NAME + ".tmp");
        byte[] manifestBytes = manifest.toBytes();
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(manifestBytes));
            channel.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(Manifest.FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the checkpoint directory's file system cannot rename atomically: " + root, e);
        }
        fsyncDirectory(dir);
        fsyncDirectory(root);
        return bytes + manifestBytes.length;
    }

    /** Deletes complete checkpoints beyond the newest {@code retained}, and incomplete ones older than the newest complete. */
    public void prune(long inProgressId) throws IOException {
        List<Path> complete = new ArrayList<>();
        List<Path> incomplete = new ArrayList<>();
        for (Path dir : listCheckpoints("chk-")) {
            if (Files.exists(dir.resolve(Manifest.FILE_NAME))) {
                complete.add(dir);
            } else if (idOf(dir) != inProgressId) {
                incomplete.add(dir);
            }
        }
        for (int i = retained; i < complete.size(); i++) {
            deleteRecursively(complete.get(i));
        }
        for (Path dir : incomplete) {
            deleteRecursively(dir);
        }
    }

    /**
     * The newest complete checkpoint or savepoint whose manifest and files check out. A damaged one is
     * reported through {@code warn} (naming it) and skipped for the one before it.
     */
    public Optional<RestoredCheckpoint> latest(Consumer<String> warn) throws IOException {
        List<Path> candidates = new ArrayList<>(listCheckpoints("chk-"));
        candidates.addAll(listCheckpoints("sp-"));
        candidates.sort(Comparator.comparingLong(CheckpointStorage::idOf).reversed());
        for (Path dir : candidates) {
            if (!Files.exists(dir.resolve(Manifest.FILE_NAME))) {
                continue; // never completed
            }
            try {
                return Optional.of(load(dir));
            } catch (IOException e) {
                warn.accept("checkpoint " + dir + " is damaged and was skipped: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads and verifies one checkpoint directory. */
    public static RestoredCheckpoint load(Path dir) throws IOException {
        Path manifestFile = dir.resolve(Manifest.FILE_NAME);
        if (!Files.exists(manifestFile)) {
            throw new IOException("no manifest: " + dir + " is not a complete checkpoint");
        }
        Manifest manifest = Manifest.parse(Files.readAllBytes(manifestFile));
        Map<String, List<StateSnapshot>> parts = new LinkedHashMap<>();
        Map<String, List<byte[]>> splits = new LinkedHashMap<>();
        for (Manifest.FileEntry f : manifest.files()) {
            Path file = dir.resolve(f.name());
            if (!Files.exists(file)) {
                throw new IOException("missing file " + f.name());
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != f.size() || Manifest.crc(bytes) != f.crc32c()) {
                throw new IOException("file " + f.name() + " does not match its checksum (truncated or corrupt)");
            }
            SnapshotFileFormat.Contents c = SnapshotFileFormat.read(new DataInputStream(new ByteArrayInputStream(bytes)), f.name());
            c.states().forEach((uid, s) -> parts.computeIfAbsent(uid, u -> new ArrayList<>()).add(s));
            if (c.sourceUid() != null) {
                splits.computeIfAbsent(c.sourceUid(), u -> new ArrayList<>()).addAll(c.splits());
            }
        }
        Map<String, StateSnapshot> states = new LinkedHashMap<>();
        parts.forEach((uid, list) -> states.put(uid, StateSnapshot.merge(list)));
        return new RestoredCheckpoint(dir, manifest.checkpointId(), states, splits);
    }

    /** The highest checkpoint id present (complete or not), so a restarted job never reuses an id. */
    public long highestId() throws IOException {
        long max = 0;
        for (Path dir : listCheckpoints("chk-")) {
            max = Math.max(max, idOf(dir));
        }
        for (Path dir : listCheckpoints("sp-")) {
            max = Math.max(max, idOf(dir));
        }
        return max;
    }

    private List<Path> listCheckpoints(String prefix) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().substring(prefix.length()).matches("\\d+")).forEach(dirs::add);
        }
        dirs.sort(Comparator.comparingLong(CheckpointStorage::idOf).reversed());
        return dirs;
    }

    static long idOf(Path dir) {
        String name = dir.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('-') + 1));
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename is still atomic
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
