package io.sluice.jobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.jobs.CliRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the job server (issue 7): a server in a JVM of its own; a job submitted by name
 * and two from uploaded jars (same class names, different behaviour: separate class loaders); list; a
 * savepoint; a savepoint with stop; a cancel; then SIGKILL of the server while the job by name runs, a new
 * server on the same state directory, and that job resumed from its checkpoint, finishing with its
 * exactly-once {@code file:} output equal to an uninterrupted run's: nothing lost, nothing twice. Every
 * client call goes through the real CLI ({@code sluice submit|list|status|savepoint|cancel|metrics}).
 */
class JobServerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "gen:nexmark?events=400000&rate=40000&seed=11";

    @TempDir
    Path dir;

    @Test
    void submitListSavepointCancelThenSigkillAndResumeWithExactlyOnceOutput() throws Exception {
        Path state = dir.resolve("state");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path reference = out.resolve("reference.jsonl");
        // The uninterrupted run to compare with, in this JVM while the server works in its own.
        CompletableFuture<CliRun> referenceRun = CompletableFuture.supplyAsync(() -> CliRun.sluice("run", "copy",
                "-p", "source=" + SOURCE, "-p", "sink=file:" + reference, "--parallelism", "2", "--no-progress"));
        Path jarV1 = JobJars.taggedCopy(dir.resolve("jar-v1"), "v1:");
        Path jarV2 = JobJars.taggedCopy(dir.resolve("jar-v2"), "v2:");
        String[] serverArgs = {"--port", "0", "--state-dir", state.toString(), "--checkpoint-interval", "300ms",
                "--workers", "2"};

        Path copyOut = out.resolve("copy.jsonl");
        String copyId;
        try (ServerProcess server = ServerProcess.start(dir.resolve("server-1.log"), serverArgs)) {
            assertThat(server.log()).containsPattern("token: [0-9a-f]{64}");
            String[] client = {"--server", server.url(), "--token-file", state.resolve("token").toString()};

            copyId = submit(client, "copy", "-p", "source=" + SOURCE, "-p", "sink=file:" + copyOut, "--parallelism", "2");
            String v1 = submit(client, "tagged-copy", "--jar", jarV1.toString(), "-p", "source=gen:nexmark?events=2000&seed=1",
                    "-p", "sink=file:" + out.resolve("v1.jsonl"));
            String v2 = submit(client, "tagged-copy", "--jar", jarV2.toString(), "-p", "source=gen:nexmark?events=2000&seed=1",
                    "-p", "sink=file:" + out.resolve("v2.jsonl"));
            String toStop = submit(client, "copy", "-p", "source=gen:nexmark?rate=500", "-p", "sink=file:" + out.resolve("stopped.jsonl"));
            String toCancel = submit(client, "copy", "-p", "source=gen:nexmark?rate=500", "-p", "sink=null:");

            CliRun list = CliRun.ok(with(client, "list"));
            for (String id : List.of(copyId, v1, v2, toStop, toCancel)) {
                assertThat(list.out()).contains(id);
            }
            awaitState(client, v1, "FINISHED");
            awaitState(client, v2, "FINISHED");
            assertThat(JobJars.lines(out.resolve("v1.jsonl"))).hasSize(2000).allMatch(l -> l.startsWith("v1:{"));
            assertThat(JobJars.lines(out.resolve("v2.jsonl"))).hasSize(2000).allMatch(l -> l.startsWith("v2:{"));
            assertThat(state.resolve("jobs").resolve(v1).resolve("job.jar")).as("the uploaded jar is kept").isRegularFile();

            awaitState(client, toStop, "RUNNING");
            String savepoint = CliRun.ok(with(client, "savepoint", copyId)).out().strip();
            assertThat(Path.of(savepoint).resolve("_manifest")).as("savepoint %s is complete", savepoint).isRegularFile();
            assertThat(savepoint).startsWith(state.resolve("jobs").resolve(copyId).resolve("checkpoints").toString());
            String stopped = CliRun.ok(with(client, "savepoint", toStop, "--stop")).out().strip();
            assertThat(Path.of(stopped).resolve("_manifest")).isRegularFile();
            assertThat(status(client, toStop).path("state").asText()).isEqualTo("STOPPED");
            assertThat(CliRun.ok(with(client, "cancel", toCancel)).out()).contains(toCancel + " CANCELLED");

            CliRun metrics = CliRun.ok(with(client, "metrics", copyId));
            assertThat(metrics.out()).contains("copy (" + copyId + ") RUNNING").contains("latency (last 10 s)");
            // SIGKILL while the job is mid-way: after a few checkpoints, well before its input ends.
            awaitSinkRecords(client, copyId, 80_000);
            assertThat(status(client, copyId).path("state").asText()).isEqualTo("RUNNING");
            server.kill();
        }
        long linesAtKill = JobJars.lines(copyOut).size();
        assertThat(linesAtKill).as("committed before the kill").isPositive().isLessThan(400_000);

        try (ServerProcess server = ServerProcess.start(dir.resolve("server-2.log"), serverArgs)) {
            assertThat(server.log()).as("the token is printed on first start only").doesNotContain("token: ");
            String[] client = {"--server", server.url(), "--token-file", state.resolve("token").toString()};
            JsonNode resumed = status(client, copyId);
            for (int i = 0; i < 600 && resumed.path("restoredFrom").isNull(); i++) {
                Thread.sleep(100); // the server resumes its jobs while it already answers
                resumed = status(client, copyId);
            }
            assertThat(resumed.path("restoredFrom").asText()).as("resumed from a checkpoint: %s", resumed)
                    .startsWith(state.resolve("jobs").resolve(copyId).resolve("checkpoints").toString());
            awaitState(client, copyId, "FINISHED");
            CliRun list = CliRun.ok(with(client, "list"));
            assertThat(list.out()).containsPattern(copyId + "\\s+copy\\s+FINISHED").containsPattern("STOPPED").containsPattern("CANCELLED");
        }

        CliRun ref = referenceRun.get();
        assertThat(ref.exitCode()).as(ref.err()).isZero();
        Fingerprint expected = Fingerprint.of(reference);
        assertThat(expected.lines()).isEqualTo(400_000);
        assertThat(Fingerprint.of(copyOut)).as("the resumed job's output, after a SIGKILL at %d lines", linesAtKill)
                .isEqualTo(expected);
    }

    @Test
    void aNonLoopbackBindOnlyWhenNamedAndThenWithAWarning() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("bind.log"), "--bind", "0.0.0.0", "--port", "0",
                "--state-dir", dir.resolve("state").toString())) {
            assertThat(server.log()).contains("WARNING: listening on 0.0.0.0, which other machines can reach");
        }
        try (ServerProcess server = ServerProcess.start(dir.resolve("default.log"), "--port", "0",
                "--state-dir", dir.resolve("state").toString())) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            assertThat(server.log()).doesNotContain("WARNING");
        }
    }

    private static String[] with(String[] client, String... args) {
        String[] all = new String[args.length + client.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(client, 0, all, args.length, client.length);
        return all;
    }

    private static String submit(String[] client, String... args) {
        String[] submit = new String[args.length + 1];
        submit[0] = "submit";
        System.arraycopy(args, 0, submit, 1, args.length);
        String id = CliRun.ok(with(client, submit)).out().strip();
        assertThat(id).matches("[0-9a-f]{16}");
        return id;
    }

    private static JsonNode status(String[] client, String id) throws IOException {
        return JSON.readTree(CliRun.ok(with(client, "status", id, "--json")).out());
    }

    private static void awaitState(String[] client, String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode job;
        do {
            job = status(client, id);
            if (job.path("state").asText().equals(state)) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not reach " + state + ": " + job);
    }

    private static void awaitSinkRecords(String[] client, String id, long records) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (status(client, id).path("sinkRecords").asLong() < records) {
            assertThat(System.nanoTime()).as("job %s wrote %d records in time", id, records).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * An order-independent fingerprint of a file's lines: how many, how many distinct, and the sum of their
     * 64-bit FNV-1a hashes. A lost or duplicated line changes it.
     */
    record Fingerprint(long lines, long distinct, long sum) {
        static Fingerprint of(Path file) throws IOException {
            long n = 0;
            long sum = 0;
            Set<Long> hashes = new HashSet<>();
            try (BufferedReader in = Files.newBufferedReader(file)) {
                String line;
                while ((line = in.readLine()) != null) {
                    long h = 0xcbf29ce484222325L;
                    for (int i = 0; i < line.length(); i++) {
                        h = (h ^ line.charAt(i)) * 0x100000001b3L;
                    }
                    n++;
                    sum += h;
                    hashes.add(h);
                }
            }
            return new Fingerprint(n, hashes.size(), sum);
        }
    }
}
