package io.sluice.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.runtime.checkpoint.CheckpointStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sluice server}: a long-running engine with the REST API of design.md §8 on the JDK's HTTP server.
 *
 * <pre>
 * GET    /health                    no token needed: {"status":"ok"}
 * GET    /jobs                      every job, summarized
 * POST   /jobs                      submit {"job":NAME,"params":{..},"parallelism":N,"jar":BASE64}: 201 and the job
 * GET    /jobs/{id}                 one job, with its physical plan (the DAG) and operators
 * DELETE /jobs/{id}                 cancel: the job ends CANCELLED
 * POST   /jobs/{id}/savepoints      {"stop":false}: a savepoint, durable when the answer comes; stop=true then stops (STOPPED)
 * GET    /jobs/{id}/metrics         the metrics of design.md §9 as JSON
 * GET    /metrics                   the same for every job, Prometheus text format 0.0.4
 * GET    /                          the dashboard (a browser session from /dashboard/login)
 * POST   /dashboard/logins          a one-time dashboard login URL ({@link DashboardLogins})
 * GET    /dashboard/login?code=C    exchanges the code for a read-only session cookie, redirects to /
 * </pre>
 * Every call but {@code GET /health} and the login exchange needs {@code Authorization: Bearer <token>}
 * ({@link ServerToken}); without it: 401. Errors are JSON {@code {"error":"one line"}} with 400 (bad input,
 * nothing changed), 401, 404, 405, 409 (the job's state does not allow it) or 500.
 */
public final class JobServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobServer.class);
    private static final long MAX_BODY_BYTES = 256L << 20;
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final ServerConfig config;
    private final ServerToken token;
    private final JobStore store;
    private final JobManager jobs;
    private final DashboardLogins logins = new DashboardLogins();
    private final ObjectMapper json = new ObjectMapper();
    private final JobJson views = new JobJson(json);
    private final HttpServer http;
    private final ExecutorService executor;

    private JobServer(ServerConfig config, ServerToken token, JobStore store, JobManager jobs, HttpServer http,
                      ExecutorService executor) {
        this.config = config;
        this.token = token;
        this.store = store;
        this.jobs = jobs;
        this.http = http;
        this.executor = executor;
    }

    /**
     * Opens the state directory (creating the token on first start), resumes the jobs that were running, and
     * starts serving.
     */
    public static JobServer start(ServerConfig config) throws IOException {
        JobStore store = new JobStore(config.stateDir());
        ServerToken token = ServerToken.loadOrCreate(config.stateDir());
        ClassLoader serverLoader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : JobServer.class.getClassLoader();
        JobManager jobs = new JobManager(store, new JobLoader(serverLoader), config);
        HttpServer http = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sluice-http");
            t.setDaemon(true);
            return t;
        });
        JobServer server = new JobServer(config, token, store, jobs, http, executor);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        jobs.recover();
        http.start();
        return server;
    }

    /** The token; {@link ServerToken#created()} tells whether this start created it. */
    public ServerToken token() {
        return token;
    }

    /** The address and port it listens on (the port is the real one when 0 was asked for). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops serving and stops every job, leaving their records as they are: the next start resumes them. */
    @Override
    public void close() {
        http.stop(0);
        jobs.shutdown(SHUTDOWN_WAIT);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (BadRequestException e) {
                sendError(ex, e.status(), e.getMessage());
            } catch (JsonProcessingException e) {
                sendError(ex, 400, "malformed JSON: " + e.getOriginalMessage());
            } catch (Exception e) {
                LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
                sendError(ex, 500, "internal error: " + e);
            }
        }
    }

    private void route(HttpExchange ex) throws Exception {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (path.equals("/health")) {
            requireMethod(method, "GET");
            ObjectNode n = json.createObjectNode();
            n.put("status", "ok");
            sendJson(ex, 200, n);
            return;
        }
        if (path.equals("/dashboard/login")) {
            requireMethod(method, "GET");
            loginWithCode(ex);
            return;
        }
        if (!authorized(ex, method)) {
            if (path.equals("/") && method.equals("GET")) {
                sendText(ex, 401, "text/html; charset=utf-8", Dashboard.loginPage());
            } else {
                sendError(ex, 401, "missing or wrong token (send 'Authorization: Bearer <token>'; the token is in "
                        + "<state-dir>/token)");
            }
            return;
        }
        String[] parts = path.split("/", -1); // "", "jobs", id, "savepoints"
        if (path.equals("/")) {
            requireMethod(method, "GET");
            sendText(ex, 200, "text/html; charset=utf-8", Dashboard.page());
        } else if (path.equals("/metrics")) {
            requireMethod(method, "GET");
            sendText(ex, 200, PrometheusExposition.CONTENT_TYPE, PrometheusExposition.render(snapshots()));
        } else if (path.equals("/dashboard/logins")) {
            requireMethod(method, "POST");
            ObjectNode n = json.createObjectNode();
            n.put("path", "/dashboard/login?code=" + logins.newCode());
            sendJson(ex, 201, n);
        } else if (path.equals("/jobs") || path.equals("/jobs/")) {
            if (method.equals("GET")) {
                ArrayNode list = json.createArrayNode();
                for (JobSnapshot s : snapshots()) {
                    list.add(views.summary(s));
                }
                sendJson(ex, 200, list);
            } else if (method.equals("POST")) {
                submit(ex);
            } else {
                throw new BadRequestException(405, method + " " + path + " is not supported (GET or POST)");
            }
        } else if (parts.length == 3 && parts[1].equals("jobs")) {
            ManagedJob job = jobs.require(parts[2]);
            if (method.equals("GET")) {
                sendJson(ex, 200, views.detail(JobSnapshot.of(job), job.plan()));
            } else if (method.equals("DELETE")) {
                job.cancel();
                job.awaitFinal(CANCEL_WAIT);
                sendJson(ex, 200, views.summary(JobSnapshot.of(job)));
            } else {
                throw new BadRequestException(405, method + " " + path + " is not supported (GET or DELETE)");
            }
        } else if (parts.length == 4 && parts[1].equals("jobs") && parts[3].equals("metrics")) {
            requireMethod(method, "GET");
            sendJson(ex, 200, views.metrics(JobSnapshot.of(jobs.require(parts[2]))));
        } else if (parts.length == 4 && parts[1].equals("jobs") && parts[3].equals("savepoints")) {
            requireMethod(method, "POST");
            ManagedJob job = jobs.require(parts[2]);
            JsonNode body = readJsonBody(ex, true);
            boolean stop = body.path("stop").asBoolean(false);
            CheckpointStats stats = job.savepoint(stop, SAVEPOINT_TIMEOUT);
            sendJson(ex, 200, views.savepoint(stats, job.record()));
        } else {
            throw new BadRequestException(404, "no such resource: " + path);
        }
    }

    private boolean authorized(HttpExchange ex, String method) {
        if (token.matchesBearer(ex.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        // A dashboard session reads only (see DashboardLogins).
        return method.equals("GET") && logins.hasSession(ex.getRequestHeaders().getFirst("Cookie"));
    }

    private void loginWithCode(HttpExchange ex) throws IOException {
        String code = queryParameter(ex.getRequestURI().getRawQuery(), "code");
        String session = logins.exchange(code);
        if (session == null) {
            sendText(ex, 401, "text/html; charset=utf-8", Dashboard.loginPage());
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", DashboardLogins.cookie(session));
        ex.getResponseHeaders().add("Location", "/");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(303, -1);
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void submit(HttpExchange ex) throws Exception {
        JsonNode body = readJsonBody(ex, false);
        if (!body.isObject()) {
            throw new BadRequestException("the body must be a JSON object {\"job\": NAME, \"params\": {...}}");
        }
        String name = body.path("job").asText(null);
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = body.path("params");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isObject()) {
                throw new BadRequestException("\"params\" must be an object of strings, e.g. {\"sink\": \"null:\"}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new BadRequestException("parameter '" + e.getKey() + "' must be a string");
                }
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        Integer parallelism = null;
        if (body.hasNonNull("parallelism")) {
            if (!body.get("parallelism").canConvertToInt()) {
                throw new BadRequestException("\"parallelism\" must be a whole number");
            }
            parallelism = body.get("parallelism").asInt();
        }
        Path jar = null;
        try {
            if (body.hasNonNull("jar")) {
                jar = uploadedJar(body.get("jar").asText());
            }
            ManagedJob job = jobs.submit(name, params, parallelism, jar);
            ex.getResponseHeaders().add("Location", "/jobs/" + job.id());
            sendJson(ex, 201, views.summary(JobSnapshot.of(job)));
        } finally {
            if (jar != null) {
                Files.deleteIfExists(jar);
            }
        }
    }

    /** Decodes the uploaded jar into a temporary file of the state directory and checks that it is a jar. */
    private Path uploadedJar(String base64) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("\"jar\" must be the jar's bytes in base64: " + e.getMessage());
        }
        Path temp = Files.createTempFile(config.stateDir(), ".upload-", ".jar");
        Files.write(temp, bytes);
        try (JarFile ignored = new JarFile(temp.toFile())) {
            return temp;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new BadRequestException("the uploaded file is not a jar: " + e.getMessage());
        }
    }

    private JsonNode readJsonBody(HttpExchange ex, boolean emptyAllowed) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BODY_BYTES + 1));
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BadRequestException(413, "the request body is larger than " + (MAX_BODY_BYTES >> 20) + " MiB");
        }
        if (body.length == 0) {
            if (emptyAllowed) {
                return json.createObjectNode();
            }
            throw new BadRequestException("the request has no body (a JSON object is expected)");
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new BadRequestException(415, "send the body as Content-Type: application/json");
        }
        JsonNode node = json.readTree(body);
        return node == null ? json.createObjectNode() : node;
    }

    private List<JobSnapshot> snapshots() {
        List<JobSnapshot> result = new ArrayList<>();
        for (ManagedJob job : jobs.all()) {
            result.add(JobSnapshot.of(job));
        }
        return result;
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new BadRequestException(405, method + " is not supported here (" + allowed + ")");
        }
    }

    private void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json", json.writeValueAsBytes(body));
    }

    private void sendError(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode n = json.createObjectNode();
        n.put("error", message);
        sendJson(ex, status, n);
    }

    private static void sendText(HttpExchange ex, int status, String type, String text) throws IOException {
        send(ex, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (type.startsWith("text/html")) {
            ex.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
