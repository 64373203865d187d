package io.sluice.runtime.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The server's jobs on disk. Layout of the state directory:
 * <pre>
 * &lt;state-dir&gt;/
 *   token                      the API token (rw-------, {@link ServerToken})
 *   jobs/&lt;id&gt;/job.json        the {@link JobRecord} (written to job.json.tmp, fsynced, renamed over it)
 *   jobs/&lt;id&gt;/job.jar         the uploaded jar, when the job came with one
 *   jobs/&lt;id&gt;/checkpoints/    its checkpoints and savepoints (chk-N/, sp-N/)
 *   jobs/.new-&lt;id&gt;/            a job being created: renamed to jobs/&lt;id&gt;/ once complete, deleted at start
 * </pre>
 * A job directory appears by an atomic rename only when its record (and jar) are complete, so a crash while
 * submitting leaves nothing half-created behind.
 */
public final class JobStore {

    static final String RECORD = "job.json";
    static final String JAR = "job.jar";
    static final String CHECKPOINTS = "checkpoints";
    private static final String NEW_PREFIX = ".new-";

    private final Path jobsDir;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Opens (creating when needed) the store under {@code stateDir}, removing what unfinished submissions left. */
    public JobStore(Path stateDir) throws IOException {
        createPrivateDirectory(stateDir);
        this.jobsDir = stateDir.resolve("jobs");
        Files.createDirectories(jobsDir);
        try (Stream<Path> s = Files.list(jobsDir)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().startsWith(NEW_PREFIX)) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Creates {@code dir} readable by its owner only when it does not exist yet. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        }
    }

    public Path jobDir(String id) {
        return jobsDir.resolve(id);
    }

    public Path checkpointDir(String id) {
        return jobDir(id).resolve(CHECKPOINTS);
    }

    /** The stored jar of a job that has one. */
    public Path jarPath(JobRecord record) {
        return record.jar() == null ? null : jobDir(record.id()).resolve(record.jar());
    }

    /**
     * Creates the directory of a new job: its record and, when {@code jar} is not {@code null}, a copy of the
     * jar, all complete before the directory appears under its id.
     */
    public void create(JobRecord record, Path jar) throws IOException {
        Path staging = jobsDir.resolve(NEW_PREFIX + record.id());
        Files.createDirectory(staging);
        try {
            if (jar != null) {
                Path target = staging.resolve(JAR);
                Files.copy(jar, target);
                fsync(target);
            }
            writeRecord(staging, record);
            Files.createDirectory(staging.resolve(CHECKPOINTS));
            Files.move(staging, jobDir(record.id()), StandardCopyOption.ATOMIC_MOVE);
            fsync(jobsDir);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** Replaces a job's record atomically (temp file, fsync, rename). */
    public void save(JobRecord record) throws IOException {
        writeRecord(jobDir(record.id()), record);
    }

    private void writeRecord(Path dir, JobRecord record) throws IOException {
        ObjectNode node = json.valueToTree(record);
        node.put("version", JobRecord.VERSION);
        Path temp = dir.resolve(RECORD + ".tmp");
        Files.write(temp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        fsync(temp);
        try {
            Files.move(temp, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the state directory cannot rename files atomically: " + dir, e);
        }
        fsync(dir);
    }

    /** Every stored job, oldest first. A record that cannot be read is reported and skipped. */
    public List<JobRecord> loadAll(Consumer<String> problems) throws IOException {
        List<JobRecord> records = new ArrayList<>();
        try (Stream<Path> s = Files.list(jobsDir)) {
            for (Path dir : s.filter(Files::isDirectory).toList()) {
                if (dir.getFileName().toString().startsWith(".")) {
                    continue;
                }
                Path file = dir.resolve(RECORD);
                try {
                    ObjectNode node = (ObjectNode) json.readTree(file.toFile());
                    int version = node.path("version").asInt(-1);
                    if (version != JobRecord.VERSION) {
                        problems.accept(file + ": unknown record version " + version + ", skipped");
                        continue;
                    }
                    records.add(json.treeToValue(node, JobRecord.class));
                } catch (IOException | RuntimeException e) {
                    problems.accept(file + ": cannot read the job record (" + e.getMessage() + "), skipped");
                }
            }
        }
        records.sort(Comparator.comparingLong(JobRecord::submittedAt).thenComparing(JobRecord::id));
        return records;
    }

    private static void fsync(Path path) throws IOException {
        try (FileChannel ch = Files.isDirectory(path) ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // some file systems cannot fsync a directory; the rename itself is still atomic
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
