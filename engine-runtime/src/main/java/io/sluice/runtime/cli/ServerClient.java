package io.sluice.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The CLI's side of the REST API: one request, its JSON answer, and every error as an exception the CLI
 * reports in one line. A 4xx answer (bad input, unknown job, no token) is a {@link UsageException} (exit
 * code 2); an unreachable server or a 5xx answer is a {@link ServerException} (exit code 1).
 */
final class ServerClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    ServerClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The server could not be reached or failed itself. */
    static final class ServerException extends RuntimeException {
        ServerException(String message) {
            super(message);
        }
    }

    URI base() {
        return base;
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    String getText(String path) {
        return sendRaw(request(path).GET()).body();
    }

    JsonNode post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = sendRaw(request);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new ServerException("the server at " + base + " answered with something that is not JSON: " + e.getMessage());
        }
    }

    private HttpResponse<String> sendRaw(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ServerException("cannot reach the server at " + base + " (is 'sluice server' running? --server URL)");
        } catch (IOException e) {
            throw new ServerException("cannot talk to the server at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String message = errorMessage(response.body());
        if (status == 401) {
            throw new UsageException("the server refused the token (" + message + "); pass --token, set SLUICE_TOKEN or use --token-file");
        }
        if (status >= 400 && status < 500) {
            throw new UsageException(message);
        }
        throw new ServerException("the server failed (HTTP " + status + "): " + message);
    }

    private String errorMessage(String body) {
        try {
            JsonNode n = json.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                return n.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: use the text
        }
        return body == null || body.isBlank() ? "no message" : ErrorReporter.oneLine(body);
    }
}
