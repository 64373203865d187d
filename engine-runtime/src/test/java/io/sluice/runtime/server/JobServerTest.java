package io.sluice.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job server in this JVM on a free port, with the CLI's test jobs ({@code test-range}): the token and
 * 401s, the bind rule, requests refused with 400 that leave nothing behind, restarts with backoff until
 * FAILED, the Prometheus text and the dashboard's login.
 */
class JobServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private JobServer server;
    private ServerHttp http;

    @BeforeEach
    void start() throws IOException {
        server = JobServer.start(config());
        http = ServerHttp.of(server);
    }

    private ServerConfig config() {
        return ServerConfig.defaults(stateDir).withPort(0).withWorkers(2)
                .withCheckpointInterval(Duration.ofMillis(200))
                .withRestart(RestartStrategy.fixedDelay(Duration.ofMillis(50), 3));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyCallButHealthNeedsTheTokenWhichIsCreatedOnceOwnerOnly() throws Exception {
        assertThat(http.withToken(null).get("/health").statusCode()).isEqualTo(200);
        for (String path : List.of("/jobs", "/metrics", "/", "/jobs/0123/metrics")) {
            assertThat(http.withToken(null).get(path).statusCode()).as("no token: %s", path).isEqualTo(401);
            assertThat(http.withToken("wrong").get(path).statusCode()).as("wrong token: %s", path).isEqualTo(401);
            String almost = server.token().value().substring(1) + "0";
            assertThat(http.withToken(almost).get(path).statusCode()).as("almost the token: %s", path).isEqualTo(401);
        }
        assertThat(http.withToken(null).post("/jobs", "{\"job\":\"test-range\"}").statusCode()).isEqualTo(401);
        assertThat(http.withToken(null).delete("/jobs/0123").statusCode()).isEqualTo(401);
        assertThat(http.get("/jobs").statusCode()).isEqualTo(200);
        assertThat(http.get("/jobs", "Authorization", "Basic " + server.token().value()).statusCode())
                .as("the token only as a bearer token").isEqualTo(200); // the client's own Bearer header wins

        Path tokenFile = stateDir.resolve(ServerToken.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(server.token().created()).isTrue();
        String token = server.token().value();
        assertThat(token).matches("[0-9a-f]{64}");
        server.close();
        server = JobServer.start(config());
        assertThat(server.token().created()).as("a restart reads the token, does not print it again").isFalse();
        assertThat(server.token().value()).isEqualTo(token);
    }

    @Test
    void aNonLoopbackAddressOnlyWhenNamedExplicitly() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        ServerConfig loopback = config();
        assertThatThrownBy(() -> new ServerConfig(any, 0, stateDir, loopback.checkpointInterval(), loopback.restart(), 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bind 0.0.0.0");
        assertThat(loopback.reachableFromOtherMachines()).isFalse();
        assertThat(loopback.withNamedBind(any).reachableFromOtherMachines()).isTrue();
        assertThat(loopback.withNamedBind(InetAddress.getByName("127.0.0.1")).reachableFromOtherMachines()).isFalse();
    }

    @Test
    void badSubmissionsAre400AndLeaveNothingBehind() throws Exception {
        assertBadRequest("{\"job\":\"no-such-job\"}", "unknown job 'no-such-job'");
        assertBadRequest("{\"job\":\"test-range\",\"params\":{\"n\":\"ten\"}}", "n");
        assertBadRequest("{\"job\":\"test-range\",\"params\":{\"typo\":\"1\"}}", "has no parameter typo");
        assertBadRequest("{\"job\":\"test-range\",\"parallelism\":0}", "parallelism must be at least 1");
        assertBadRequest("{\"job\":\"test-broken\"}", "test-broken");
        assertBadRequest("{\"job\":\"test-range\",\"params\":[1]}", "\"params\" must be an object");
        assertBadRequest("{\"job\":", "malformed JSON");
        assertBadRequest("{}", "no job name");
        assertBadRequest("{\"job\":\"test-range\",\"jar\":\"not base64!\"}", "base64");
        assertBadRequest("{\"job\":\"test-range\",\"jar\":\"" + Base64.getEncoder().encodeToString("no zip".getBytes()) + "\"}",
                "not a jar");
        assertBadRequest("{\"job\":\"test-range\",\"jar\":\"" + Base64.getEncoder().encodeToString(emptyJar()) + "\"}",
                "the jar has no StreamJob");

        assertThat(JSON.readTree(http.get("/jobs").body())).as("no job registered").isEmpty();
        try (Stream<Path> s = Files.list(stateDir.resolve("jobs"))) {
            assertThat(s.toList()).as("no job directory").isEmpty();
        }
        try (Stream<Path> s = Files.list(stateDir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no uploaded jar left").containsExactlyInAnyOrder("jobs", "token");
        }
        assertThat(http.get("/jobs/0123456789abcdef").statusCode()).isEqualTo(404);
        assertThat(http.delete("/jobs/0123456789abcdef").statusCode()).isEqualTo(404);
        assertThat(http.post("/jobs/0123456789abcdef/savepoints", "{}").statusCode()).isEqualTo(404);
    }

    private void assertBadRequest(String body, String messagePart) throws Exception {
        HttpResponse<String> r = http.post("/jobs", body);
        assertThat(r.statusCode()).as("%s -> %s", body, r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).as(body).contains(messagePart);
    }

    private byte[] emptyJar() throws IOException {
        Path jar = Files.createTempFile(stateDir.getParent(), "empty", ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        byte[] bytes = Files.readAllBytes(jar);
        Files.delete(jar);
        return bytes;
    }

    @Test
    void aFailingJobRestartsWithBackoffAndEndsFailedWithItsCause() throws Exception {
        HttpResponse<String> r = http.post("/jobs", "{\"job\":\"test-range\",\"params\":{\"fail\":\"read_io\",\"unbounded\":\"true\"},\"parallelism\":2}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = JSON.readTree(r.body()).path("id").asText();
        assertThat(r.headers().firstValue("Location")).hasValue("/jobs/" + id);

        JsonNode job = awaitState(id, "FAILED");
        assertThat(job.path("failures").asInt()).isEqualTo(3);
        assertThat(job.path("cause").asText()).contains("'numbers'").contains("disk on fire");
        JsonNode stored = JSON.readTree(stateDir.resolve("jobs").resolve(id).resolve("job.json").toFile());
        assertThat(stored.path("state").asText()).isEqualTo("FAILED");
        assertThat(stored.path("failures").asInt()).isEqualTo(3);

        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("sluice_job_failures_total{job_id=\"" + id + "\",job_name=\"test-range\"} 3");
        assertThat(metrics).containsPattern("sluice_operator_failures_total\\{job_id=\"" + id
                + "\",job_name=\"test-range\",vertex=\"0\",operator=\"numbers\",uid=\"[^\"]+\",kind=\"source\"} 3");
        assertThat(http.delete("/jobs/" + id).statusCode()).as("cancel a failed job").isEqualTo(409);
    }

    @Test
    void aRunningJobShowsItsMetricsInJsonAndPrometheusTextAndCancels() throws Exception {
        HttpResponse<String> r = http.post("/jobs", "{\"job\":\"test-range\",\"params\":{\"unbounded\":\"true\"},\"parallelism\":2}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = JSON.readTree(r.body()).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode m;
        do {
            Thread.sleep(100);
            m = JSON.readTree(http.get("/jobs/" + id + "/metrics").body());
        } while ((m.path("sourceRecords").asLong() == 0 || m.path("lastCheckpoint").isNull()) && System.nanoTime() < deadline);
        assertThat(m.path("state").asText()).isEqualTo("RUNNING");
        assertThat(m.path("sourceRecords").asLong()).isPositive();
        assertThat(m.path("alignmentPauses").isIntegralNumber()).as("alignmentPauses in %s", m).isTrue();
        assertThat(m.path("lastCheckpoint").path("id").asLong()).isPositive();
        assertThat(m.path("operators")).extracting(o -> o.path("name").asText()).contains("numbers", "divide", "evens", "collect");

        JsonNode detail = JSON.readTree(http.get("/jobs/" + id).body());
        assertThat(detail.path("plan").path("vertices").size()).isPositive();
        assertThat(detail.path("plan").path("vertices").get(0).path("operators").get(0).path("name").asText()).isEqualTo("numbers");

        HttpResponse<String> prom = http.get("/metrics");
        assertThat(prom.headers().firstValue("Content-Type")).hasValue(PrometheusExposition.CONTENT_TYPE);
        assertValidExposition(prom.body());
        assertThat(prom.body()).contains("sluice_operator_records_out_total{job_id=\"" + id + "\",job_name=\"test-range\",vertex=\"0\",operator=\"numbers\"");
        for (String family : List.of("sluice_operator_records_in_total", "sluice_operator_records_per_second",
                "sluice_operator_backpressure_ratio", "sluice_job_latency_seconds", "sluice_job_last_checkpoint_id",
                "sluice_job_last_checkpoint_duration_seconds", "sluice_job_last_checkpoint_size_bytes",
                "sluice_job_last_checkpoint_worker_pause_seconds", "sluice_job_last_checkpoint_async_write_seconds",
                "sluice_job_error_rate", "sluice_job_errors_total", "sluice_operator_errors_total",
                "sluice_job_source_alignment_pauses_total")) {
            assertThat(prom.body()).as(family).contains("\n" + family + "{job_id=\"" + id + "\"");
        }

        HttpResponse<String> cancelled = http.delete("/jobs/" + id);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).path("state").asText()).isEqualTo("CANCELLED");
        assertThat(JSON.readTree(stateDir.resolve("jobs").resolve(id).resolve("job.json").toFile()).path("state").asText())
                .isEqualTo("CANCELLED");
    }

    /** Every line a comment (HELP/TYPE once per family, before its samples) or a sample with a number. */
    private static void assertValidExposition(String text) {
        Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\"\\\\n])*\",?)*})? "
                + "(-?[0-9.]+(E-?[0-9]+)?|NaN|[+-]Inf)");
        java.util.Set<String> typed = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                assertThat(typed.add(line.split(" ")[2])).as("one TYPE per family: %s", line).isTrue();
            } else if (!line.startsWith("# HELP ")) {
                assertThat(line).matches(sample);
                String name = line.replaceAll("[{ ].*", "");
                assertThat(typed).as("TYPE before %s", line).contains(name.replaceAll("_count$", ""));
            }
        }
    }

    @Test
    void theDashboardLogsInWithAOneTimeCodeForAReadOnlyCookie() throws Exception {
        HttpResponse<String> page = http.withToken(null).get("/");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("sluice dashboard");

        String path = JSON.readTree(http.post("/dashboard/logins", "{}").body()).path("path").asText();
        assertThat(path).startsWith("/dashboard/login?code=");
        HttpResponse<String> login = http.withToken(null).get(path);
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(server.token().value());
        String session = cookie.substring(0, cookie.indexOf(';'));

        ServerHttp browser = http.withToken(null);
        assertThat(browser.get("/", "Cookie", session).body()).contains("<svg id=\"dag\"");
        assertThat(browser.get("/jobs", "Cookie", session).statusCode()).isEqualTo(200);
        assertThat(browser.post("/jobs", "{\"job\":\"test-range\"}", "Cookie", session).statusCode())
                .as("a session only reads").isEqualTo(401);
        assertThat(browser.get(path).statusCode()).as("a code works once").isEqualTo(401);
        assertThat(browser.get("/jobs", "Cookie", "sluice_session=" + "0".repeat(64)).statusCode()).isEqualTo(401);
    }

    private JsonNode awaitState(String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode job;
        do {
            job = JSON.readTree(http.get("/jobs/" + id).body());
            if (job.path("state").asText().equals(state)) {
                return job;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not reach " + state + ": " + job);
    }
}
