package io.sluice.jobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.runtime.server.JobServer;
import io.sluice.runtime.server.RestartStrategy;
import io.sluice.runtime.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium} package; {@code .ci/run}
 * installs it) logs in with a one-time URL as {@code sluice dashboard} prints it, lets the page's script run
 * ({@code --virtual-time-budget}), and the test reads the DOM it built: the job rows with their states and
 * the DAG of the selected job as SVG nodes and edges. A second login takes a screenshot,
 * {@code jobs/target/dashboard.png} (the one in docs/ is a copy). Skipped, saying so, only when Chromium is
 * not installed.
 */
class DashboardBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theDashboardListsTheJobsAndDrawsTheDagOfTheSelectedOne() throws Exception {
        Path chromium = findChromium();
        Assumptions.assumeTrue(chromium != null,
                "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does): browser test skipped");
        ServerConfig config = ServerConfig.defaults(dir.resolve("state")).withPort(0).withWorkers(2)
                .withCheckpointInterval(Duration.ofSeconds(1))
                .withRestart(RestartStrategy.fixedDelay(Duration.ofMillis(100), 1));
        try (JobServer server = JobServer.start(config)) {
            URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
            String token = server.token().value();
            String copy = submit(base, token, "{\"job\":\"copy\",\"params\":{\"source\":\"gen:nexmark?events=300&seed=2\","
                    + "\"sink\":\"null:\"}}");
            String q5 = submit(base, token, "{\"job\":\"nexmark-q5\",\"parallelism\":2,\"params\":{"
                    + "\"source\":\"gen:nexmark?rate=20000&seed=3\",\"sink\":\"null:\"}}");
            awaitState(base, token, copy, "FINISHED");
            awaitRunning(base, token, q5);
            Thread.sleep(2_500); // two metric samples apart, so records/s is not 0 yet

            String dom = chromium(chromium, "--dump-dom", loginUrl(base, token));
            assertThat(dom).contains("<h1>Sluice</h1>");
            assertThat(row(dom, copy)).contains(">copy<").contains(">FINISHED<");
            assertThat(row(dom, q5)).contains(">nexmark-q5<").contains(">RUNNING<");
            assertThat(dom).as("the newest job is selected").containsPattern("<h2 id=\"detail-title\">nexmark-q5 \\(" + q5 + "\\): RUNNING</h2>");
            // the DAG of nexmark-q5 at parallelism 2: three vertices, two partitioned edges
            List<String> nodes = matches(dom, "<g class=\"node\" data-vertex=\"(\\d+)\"");
            assertThat(nodes).containsExactly("0", "1", "2");
            assertThat(matches(dom, "<path class=\"edge\"")).hasSize(2);
            assertThat(matches(dom, "<text class=\"edge-label\"[^>]*>([^<]+)<")).containsOnly("partitioned");
            assertThat(matches(dom, "<text class=\"op\"[^>]*>([^<]+)<tspan")).as("operators in the DAG's boxes").containsExactly(
                    "gen:nexmark?rate=20000&amp;se…", "bids", "as-bid", "bids-per-auction (local)", "bids-per-auction",
                    "to-hot-item", "hottest-per-window (local)", "hottest-per-window", "ties", "null:");
            assertThat(dom).contains("vertex 1 · parallelism 2");
            assertThat(matches(dom, "<tr data-uid=\"([^\"]+)\"")).as("a row per operator").hasSize(10);
            assertThat(dom).doesNotContain(token);

            Path png = Path.of("target", "dashboard.png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium(chromium, "--screenshot=" + png, loginUrl(base, token));
            assertThat(png).isRegularFile();
            assertThat(Files.size(png)).as("a screenshot with something on it").isGreaterThan(20_000);
        }
    }

    private static Path findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private String chromium(Path chromium, String action, String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars", "--window-size=1500,1000",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--virtual-time-budget=4000", action, url));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish: " + Files.readString(err));
        }
        assertThat(p.exitValue()).as("chromium: %s", Files.readString(err)).isZero();
        return Files.readString(out);
    }

    /** A one-time login URL, as {@code sluice dashboard} prints it. */
    private static String loginUrl(URI base, String token) throws Exception {
        HttpResponse<String> r = send(base, token, HttpRequest.newBuilder(base.resolve("/dashboard/logins"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        return base.resolve(JSON.readTree(r.body()).path("path").asText()).toString();
    }

    private static String submit(URI base, String token, String body) throws Exception {
        HttpResponse<String> r = send(base, token, HttpRequest.newBuilder(base.resolve("/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static JsonNode job(URI base, String token, String id) throws Exception {
        return JSON.readTree(send(base, token, HttpRequest.newBuilder(base.resolve("/jobs/" + id)).GET()).body());
    }

    private static void awaitState(URI base, String token, String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!job(base, token, id).path("state").asText().equals(state)) {
            assertThat(System.nanoTime()).as("job %s reaches %s", id, state).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitRunning(URI base, String token, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job(base, token, id).path("sourceRecords").asLong() == 0) {
            assertThat(System.nanoTime()).as("job %s reads", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> send(URI base, String token, HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The table row of a job in the dumped DOM. */
    private static String row(String dom, String id) {
        Matcher m = Pattern.compile("<tr class=\"job[^\"]*\" data-job-id=\"" + id + "\">(.*?)</tr>").matcher(dom);
        assertThat(m.find()).as("a row for job %s in %s", id, dom).isTrue();
        return m.group(1);
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }
}
